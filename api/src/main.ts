// Composition root of the api: config, migrations, Kafka producer, serde, the followed API keys
// and station credentials, the first admin key, http server.
import { createSerde, topicName } from '@csms/contracts';
import {
  connectReplaceableProducer, createKafka, createLogger, createOpsServer, createPool, createSecretSealer, ensureTopics, envReader,
  followCompactedTable, hashStationPassword, kafkaProbe, migrate, postgresProbe, readPlatformConfig, registryProbe, watchDependencies,
} from '@csms/infra';
import { findStationProtocol } from '@csms/projections/connections/queries.ts';
import { foldedProgress } from '@csms/projections/progress/queries.ts';
import { apiKeyDirectory } from './auth/api-keys.ts';
import { bootstrapAdminKey } from './auth/admin-bootstrap.ts';
import { createJwtVerifier } from './auth/jwt-verifier.ts';
import { projectionBillingReads } from './billing-reads.ts';
import { readApiConfig } from './config.ts';
import { kafkaWriter } from './kafka-writer.ts';
import { buildApp } from './build-app.ts';
import { createApiMetrics } from './metrics.ts';
import { builtConsole } from './console-dir.ts';
import { createLiveHub } from './live/live-hub.ts';
import { startLiveFeed } from './live/kafka-live-feed.ts';
import { createReadModelGate } from './live/read-model-gate.ts';

const logger = createLogger('api');
const env = envReader();
const platform = readPlatformConfig(env);
const config = readApiConfig(env);
env.done();

await migrate(platform.databaseUrl);
const kafka = createKafka({ brokers: platform.kafkaBrokers, clientId: 'csms-api', logger });
await ensureTopics(kafka, platform.topicPrefix);
const producer = await connectReplaceableProducer(kafka, logger);
const admin = kafka.admin();
await admin.connect();
const serde = await createSerde({ registryUrl: platform.registryUrl, topicPrefix: platform.topicPrefix });
const pool = createPool(platform.databaseUrl, 10, logger);
const metrics = createApiMetrics({ defaultMetrics: true });
const writer = kafkaWriter(producer, platform.topicPrefix, (topic) => metrics.kafkaWriteFailures.inc({ topic }));
const dependencies = watchDependencies([kafkaProbe(platform.kafkaBrokers, 'csms-api'), registryProbe(platform.registryUrl), postgresProbe(pool)]);

const apiKeys = apiKeyDirectory();
const groupIdPrefix = `${platform.topicPrefix}csms-api-tables`;
const [apiKeyTable, credentialTable] = await Promise.all([
  followCompactedTable({
    kafka, logger, groupIdPrefix, topic: topicName('apiKeys', platform.topicPrefix),
    decode: (bytes) => serde.decode('apiKeys', bytes), onChange: (id, key) => apiKeys.apply(id, key),
  }),
  followCompactedTable({
    kafka, logger, groupIdPrefix, topic: topicName('stationCredentials', platform.topicPrefix),
    decode: (bytes) => serde.decode('stationCredentials', bytes),
  }),
]);
await Promise.all([apiKeyTable.ready, credentialTable.ready]);
await bootstrapAdminKey({
  keys: apiKeys, configuredKey: config.adminApiKey, keyFile: config.adminApiKeyFile, clock: () => Date.now(), writer, serde, logger,
  print: (line) => process.stdout.write(line),
});

const hub = createLiveHub();
const gate = createReadModelGate({ progress: foldedProgress(pool, platform.topicPrefix), release: (event) => hub.publish(event), logger });
const liveFeed = await startLiveFeed({ kafka, serde, hub, gate, topicPrefix: platform.topicPrefix, logger });

let stopping = false;
const metricsServer = createOpsServer({ registry: metrics.registry, healthy: () => !stopping });
const app = await buildApp({
  pool, writer, serde, logger, clock: () => Date.now(), stationProtocol: (id) => findStationProtocol(pool, id),
  dependencies,
  readYourWrites: { timeoutMs: 5_000, intervalMs: 100 },
  auth: { apiKeys, jwt: config.jwt === null ? null : createJwtVerifier(config.jwt) },
  stationSecurity: {
    credentials: credentialTable.values, hashPassword: (password) => hashStationPassword(password),
    sealer: config.secretsKey === null ? null : createSecretSealer(config.secretsKey),
    passwordGraceMs: config.passwordGraceSeconds * 1_000,
  },
  billing: { reads: projectionBillingReads, ocpi: config.ocpi },
  http: { bodyLimitBytes: config.bodyLimitBytes, rateLimit: config.rateLimit, corsOrigins: config.corsOrigins },
  live: { hub, maxStreams: config.maxLiveStreams, keepAliveMs: 15_000 },
  console: { root: builtConsole(config.consoleDir) },
  metrics,
});
await app.listen({ port: config.port, host: config.host });
metricsServer.listen(config.metricsPort, config.host);

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  await app.close();
  metricsServer.close();
  await Promise.allSettled([liveFeed.stop(), apiKeyTable.stop(), credentialTable.stop(), producer.disconnect(), admin.disconnect()]);
  await pool.end();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
