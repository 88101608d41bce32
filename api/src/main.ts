// Composition root of the api: config, migrations, Kafka producer, serde, http server.
import { createSerde } from '@csms/contracts';
import {
  asInt, asString, createKafka, createLogger, createPool, ensureTopics, envReader, migrate, readPlatformConfig,
} from '@csms/infra';
import { kafkaWriter } from './kafka-writer.ts';
import { buildApp } from './build-app.ts';

const logger = createLogger('api');
const env = envReader();
const config = readPlatformConfig(env);
const port = env.read('CSMS_API_PORT', asInt, 4001);
const host = env.read('CSMS_API_HOST', asString, '0.0.0.0');
env.done();

await migrate(config.databaseUrl);
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'csms-api', logger });
await ensureTopics(kafka, config.topicPrefix);
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
const admin = kafka.admin();
await admin.connect();
const serde = await createSerde({ registryUrl: config.registryUrl, topicPrefix: config.topicPrefix });
const pool = createPool(config.databaseUrl);

const writer = kafkaWriter(producer, config.topicPrefix);

const app = await buildApp({
  pool, writer, serde, logger, clock: () => Date.now(),
  checkKafka: async () => (await admin.describeCluster()).brokers.length > 0,
  readYourWrites: { timeoutMs: 5_000, intervalMs: 100 },
});
await app.listen({ port, host });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  await app.close();
  await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
  await pool.end();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
