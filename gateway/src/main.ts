// The gateway's composition root: the only place that reads the environment and creates
// infrastructure.
import { createSerde } from '@csms/contracts';
import {
  createKafka, createLogger, createSecretSealer, ensureTopics, envReader, readPlatformConfig, verifyStationPassword,
} from '@csms/infra';
import { quickPathWarnings } from './auth/auth-config.ts';
import { createHashSlots } from './auth/hash-slots.ts';
import { createLockout } from './auth/lockout.ts';
import { createPasswordVerifier } from './auth/password-verifier.ts';
import { followStationTables } from './auth/station-tables.ts';
import { buildApp, type StationAuth } from './build-app.ts';
import { readGatewayConfig } from './config.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import { buildOpsApp } from './http-routes.ts';
import { createIpLimiter } from './ip-limiter.ts';
import { createKafkaWriter } from './kafka-writer.ts';
import { createMetrics } from './metrics.ts';
import { createOutboundConsumer } from './outbound-consumer.ts';
import { createOutboundDispatcher } from './outbound-dispatcher.ts';
import { systemRepeat, systemTimers } from './timers.ts';
import { startTlsListener } from './tls-listener.ts';

const env = envReader();
const platform = readPlatformConfig(env);
const config = readGatewayConfig(env);
env.done();

const logger = createLogger('gateway').child({ node: config.node });
const { auth, tls, secretsKey } = config.security;
const warnings = quickPathWarnings(config.security);
if (warnings.length > 0) {
  logger.warn({ warnings, production: auth.production }, 'NOT FOR PRODUCTION: station authentication is relaxed for trying things out');
}
const kafka = createKafka({ brokers: platform.kafkaBrokers, clientId: `csms-gateway-${config.node}`, logger });
await ensureTopics(kafka, platform.topicPrefix);
const serde = await createSerde({ registryUrl: platform.registryUrl, topicPrefix: platform.topicPrefix });

const metrics = createMetrics({ defaultMetrics: true });
const registry = createConnectionRegistry();
const inbound = createKafkaWriter({
  kafka, serde, topicPrefix: platform.topicPrefix, node: config.node, maxBatchSize: config.maxBatchSize, maxBatchBytes: config.maxBatchBytes,
  metrics, logger: logger.child({ component: 'kafka-writer' }), clock: Date.now, repeat: systemRepeat, probeCheckMs: 2_000, idleProbeMs: 10_000,
});
const outboundLogger = logger.child({ component: 'outbound' });
const outbound = createOutboundConsumer({
  kafka, serde, topicPrefix: platform.topicPrefix, node: config.node, metrics,
  dispatcher: createOutboundDispatcher({ node: config.node, registry, inbound, metrics, clock: Date.now, logger: outboundLogger }),
  logger: outboundLogger, clock: Date.now,
});
const verifier = createPasswordVerifier({
  verify: verifyStationPassword, slots: createHashSlots(auth.hashSlots), onCheck: (source) => metrics.passwordChecks.inc({ source }),
});
const stationTables = await followStationTables({
  kafka, serde, topicPrefix: platform.topicPrefix, node: config.node, logger: logger.child({ component: 'stations' }),
  onCredentialChange: (chargePointId) => verifier.forget(chargePointId),
});
// Not awaited: /health says 'loading' and upgrades get 503 until then.
void stationTables.ready.then(() => logger.info('registered stations and credentials loaded'));
const stationAuth: StationAuth = {
  directory: stationTables.directory,
  verifier,
  lockout: createLockout({
    perIdentity: auth.failuresPerMinute, perAddress: auth.addressFailuresPerMinute, windowMs: 60_000,
    lockoutMs: auth.lockoutSeconds * 1000, maxTracked: 100_000,
  }),
  policy: { unknownStations: auth.unknownStations, minimumProfile: auth.minimumProfile },
  duplicatePolicy: auth.duplicatePolicy,
};
await inbound.connect();
await outbound.start();
outbound.watch((reason) => {
  // Without its outbound consumer this node can take frames but never answer them: better
  // to drop the sockets (stations reconnect, to another node or to a fresh one) than to linger.
  logger.fatal({ reason }, 'outbound consumer lost; exiting');
  process.exit(1);
});

const shared = {
  config, logger, registry, inbound, security: inbound, stationAuth, metrics, clock: Date.now, timers: systemTimers,
  // One per node, so an address's connections count across both listeners.
  ipLimiter: createIpLimiter(config.edge.perIp, Date.now),
  secrets: secretsKey === null ? null : createSecretSealer(secretsKey),
  kafkaHealth: () => ({ producer: inbound.state(), consumer: outbound.state() }),
};
const app = await buildApp({ ...shared, listener: { kind: 'plain' } });
await app.listen({ host: config.host, port: config.port });
const ops = buildOpsApp({ ...shared, logger: logger.child({ component: 'ops' }) });
await ops.listen({ host: config.host, port: config.opsPort });
const tlsListener = tls === null ? null : await startTlsListener({
  tls, host: config.host, logger: logger.child({ component: 'tls' }), build: (listener) => buildApp({ ...shared, listener }),
  handshakeTimeoutMs: config.edge.handshakeTimeoutSeconds * 1000, onHandshakeFailure: () => metrics.tlsHandshakeFailures.inc(),
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  try {
    // Stops accepting, closes every socket with 1001, waits briefly for the close handshakes.
    await Promise.all([app.close(), tlsListener?.close()]);
    await stationTables.stop();
    await outbound.stop();
    // Connected/frames/Disconnected still queued go out before the producer disconnects.
    await inbound.close();
    await ops.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'unclean shutdown');
    process.exit(1);
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
