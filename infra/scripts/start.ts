// `npm start`: the whole CSMS on one machine. Builds the services, starts Kafka and the schema
// registry (unless KAFKA_BROKERS points at a running cluster), migrates the database, runs the
// gateway, processors, projections and API as compiled JavaScript, starts again whichever of
// them dies, and stops everything cleanly on Ctrl-C.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../src/migrate.ts';
import { ensureDevCertificates } from '../src/security/certificates/index.ts';
import { dataDir } from './stack/paths.ts';
import { externalOrLocalStack, type LocalStack } from './stack/local-stack.ts';
import { ensureSecretsKey } from './stack/secrets-key.ts';
import { buildServices, startService, waitHealthy, type ServiceName } from './services.ts';
import { findPrometheus, startPrometheus } from './stack/prometheus.ts';
import { supervise, type Supervised } from './stack/supervisor.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/csms';
const gatewayPort = Number(process.env.CSMS_GATEWAY_PORT ?? 4000);
const gatewayOpsPort = Number(process.env.CSMS_GATEWAY_OPS_PORT ?? 4005);
const apiPort = Number(process.env.CSMS_API_PORT ?? 4001);
// The api writes its first admin key here (mode 0600) when it creates one.
const adminKeyFile = process.env.CSMS_ADMIN_API_KEY_FILE ?? join(dataDir, 'admin-api-key');
const readAdminKey = (): string | null => (existsSync(adminKeyFile) ? readFileSync(adminKeyFile, 'utf8').trim() : null);

/** Where the admin key is, and the key itself when this start created it. */
function adminKeyBanner(before: string | null): string {
  if (process.env.CSMS_ADMIN_API_KEY) return 'Admin API key: the value of CSMS_ADMIN_API_KEY';
  const now = readAdminKey();
  if (now === null) return `Admin API key: none in ${adminKeyFile} (one existed before; make another: npm run api-key -- create --role admin --name <name>)`;
  return now === before ? `Admin API key: in ${adminKeyFile}` : `Admin API key (new, kept in ${adminKeyFile}): ${now}`;
}

const gatewayTlsPort = Number(process.env.CSMS_GATEWAY_TLS_PORT ?? 4443);

/** npm start's quick path: stations connect without credentials unless told otherwise; said loudly in the banner. */
function stationAuthBanner(env: NodeJS.ProcessEnv): string {
  const unknown = env.CSMS_UNKNOWN_STATION_POLICY ?? 'accept';
  const minimum = env.CSMS_MIN_SECURITY_PROFILE ?? (env.NODE_ENV === 'production' ? '1' : '0');
  if (unknown === 'reject' && minimum !== '0') return `  Stations:   registered only, security profile ${minimum} or higher`;
  return `  !! NOT FOR PRODUCTION: stations connect without credentials (CSMS_UNKNOWN_STATION_POLICY=${unknown}, `
    + `CSMS_MIN_SECURITY_PROFILE=${minimum}).\n     Register each station with a security profile and password, then set both (README: Security).`;
}

let stack: LocalStack | null = null;
const services: Supervised[] = [];
let prometheus: Supervised | null = null;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nstopping…');
    // The gateway first, so stations reconnect elsewhere while the rest drains.
    const [gateway, ...rest] = services;
    await gateway?.stop();
    await Promise.all(rest.map((service) => service.stop()));
    await prometheus?.stop();
    await stack?.stop();
  }
  process.exit(code);
}

/**
 * Runs a service and starts it again when it dies, as an orchestrator would. A restart waits
 * for the broker and the registry, and a death while either was down lately is not held
 * against the service.
 */
function superviseService(name: ServiceName, env: NodeJS.ProcessEnv, local: LocalStack): Promise<Supervised> {
  return supervise({
    name,
    start: async () => startService(name, env),
    beforeRestart: () => local.up(),
    excused: () => local.downWithin(60_000),
    onGiveUp: () => void shutdown(1),
  });
}

/** With CSMS_PROMETHEUS_PORT, a supervised local Prometheus scraping every service; its banner line. */
async function startLocalPrometheus(): Promise<string> {
  const port = process.env.CSMS_PROMETHEUS_PORT;
  if (!port) return '';
  const binary = findPrometheus(process.env);
  if (binary === null) return '  Prometheus: CSMS_PROMETHEUS_PORT is set but there is no prometheus binary (apt-get install prometheus, or set PROMETHEUS_BIN)\n';
  const scrape = {
    gateway: gatewayOpsPort, api: Number(process.env.CSMS_API_METRICS_PORT ?? 4004),
    processors: Number(process.env.CSMS_PROCESSOR_METRICS_PORT ?? 4002), projections: Number(process.env.CSMS_PROJECTIONS_METRICS_PORT ?? 4003),
  };
  prometheus = await supervise({
    name: 'prometheus', start: () => startPrometheus({ binary, port: Number(port), dataDir: join(dataDir, 'prometheus'), scrape }),
    onGiveUp: (reason) => console.error(`${reason}; running on without it`),
  });
  return `  Prometheus: http://127.0.0.1:${port}   (alerts at /alerts; Grafana dashboards: infra/observability/grafana/*.json)\n`;
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  // Before Kafka starts, so that a type error stops everything at once.
  console.log('building the services…');
  await buildServices();
  // wss:// (security profiles 2 and 3) with a development CA that is kept, so stations keep trusting it.
  const tls = await ensureDevCertificates(join(dataDir, 'tls'));
  stack = await externalOrLocalStack({
    dataDir, kafkaPort: 9092, registryPort: 8081, databaseUrl, registryDatabase: 'csms_registry',
    onGiveUp: () => void shutdown(1),
  });
  const local = stack;
  const env = {
    KAFKA_BROKERS: stack.kafkaBrokers,
    SCHEMA_REGISTRY_URL: stack.registryUrl,
    DATABASE_URL: databaseUrl,
    CSMS_UNKNOWN_STATION_POLICY: process.env.CSMS_UNKNOWN_STATION_POLICY ?? 'accept',
    // The gateway's server certificate, and the CA station client certificates must chain to.
    CSMS_TLS_CERT: tls.certPath,
    CSMS_TLS_KEY: tls.keyPath,
    CSMS_TLS_CA: tls.caPath,
    // The CA that signs station CSRs (SignCertificate): on one machine, the same one.
    CSMS_STATION_CA_CERT: tls.caPath,
    CSMS_STATION_CA_KEY: tls.caKeyPath,
    CSMS_ADMIN_API_KEY_FILE: adminKeyFile,
    // Seals the AuthorizationKey of a password rotation between the api and the gateway.
    CSMS_SECRETS_KEY: process.env.CSMS_SECRETS_KEY ?? await ensureSecretsKey(dataDir),
  };
  const adminKeyBefore = readAdminKey();
  await migrate(databaseUrl);
  const names = ['gateway', 'processors', 'projections', 'api'] as const;
  services.push(...await Promise.all(names.map((name) => superviseService(name, env, local))));
  await waitHealthy(services[0]!.current()!, `http://127.0.0.1:${gatewayPort}/health`);
  await waitHealthy(services[3]!.current()!, `http://127.0.0.1:${apiPort}/health`);
  const prometheusLine = await startLocalPrometheus();
  console.log(`
CSMS is running (data in ${dataDir}, logs of Kafka and the registry in ${join(dataDir, '*.log')})
  OCPP:       ws://<this-host>:${gatewayPort}/ocpp/<chargePointId>   (subprotocol ocpp2.0.1 or ocpp1.6)
              wss://<this-host>:${gatewayTlsPort}/ocpp/<chargePointId>  (security profiles 2 and 3)
  REST API:   http://127.0.0.1:${apiPort}   (OpenAPI at http://127.0.0.1:${apiPort}/docs)
  ${adminKeyBanner(adminKeyBefore)}
  Kafka:      ${env.KAFKA_BROKERS}   schema registry: ${env.SCHEMA_REGISTRY_URL}
  TLS CA:     ${tls.caPath}   (stations trust it for wss://; npm run station-cert -- --id CP001 makes a profile 3 client certificate)
${prometheusLine}${stationAuthBanner({ ...process.env, ...env })}
Press Ctrl-C to stop.`);
} catch (error) {
  console.error((error as Error).message);
  await shutdown(1);
}
