// Composition root of the projections service: every projection runs live in one consumer
// group, each batch one PostgreSQL transaction for all of them, and operators' re-drive requests
// (csms.dead-letter-redrives) are run in a group of their own, until SIGINT/SIGTERM.
import { createSerde } from '@csms/contracts';
import {
  connectReplaceableProducer, createKafka, createLogger, createOpsServer, createPool, ensureTopics, envReader, kafkaProbe, migrate, postgresProbe,
  registryProbe, sampleConsumerLag, watchDependencies,
} from '@csms/infra';
import { readProjectionsConfig } from './config.ts';
import { deadLetterWriter } from './runtime/dead-letter-writer.ts';
import { projectionsGroupId, startLiveProjections, type RunningProjection } from './runtime/live-consumer.ts';
import { redriveRequestsGroupId, startRedriveRequests } from './runtime/redrive-request-consumer.ts';
import { redriveRequestPorts } from './runtime/redrive-request-ports.ts';
import { slowestNextOffsets } from './runtime/offsets.ts';
import { openDeadLetterCounts } from './dead-letters/queries.ts';
import { sampleOpenDeadLetters } from './runtime/open-dead-letters.ts';
import { batchObserver, createProjectionMetrics } from './runtime/projection-metrics.ts';
import { projectionNames, projections } from './runtime/registry.ts';

const logger = createLogger('projections');
const env = envReader();
const { healthPort, ...config } = readProjectionsConfig(env);
env.done();

const metrics = createProjectionMetrics({ defaultMetrics: true, projections: projectionNames() });

// A connection for each batch in flight, and some for the metrics', catch-up and health queries.
const PARTITIONS_IN_PARALLEL = 6;
const pool = createPool(config.databaseUrl, PARTITIONS_IN_PARALLEL + 4, logger);
const dependencies = watchDependencies([
  kafkaProbe(config.kafkaBrokers, 'csms-projections'), registryProbe(config.registryUrl), postgresProbe(pool),
]);

let healthy = false;
let running: RunningProjection | undefined;
const http = createOpsServer({
  registry: metrics.registry, healthy: () => healthy, problems: () => running?.problems() ?? [], unreachable: dependencies.unreachable,
});
http.listen(healthPort);

await migrate(config.databaseUrl);
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'csms-projections', logger });
await ensureTopics(kafka, config.topicPrefix);
const serde = await createSerde({ registryUrl: config.registryUrl, topicPrefix: config.topicPrefix });
const producer = await connectReplaceableProducer(kafka, logger);
const deadLetters = deadLetterWriter(producer, serde, config.topicPrefix);

const live = await startLiveProjections({
  kafka, pool, serde, topicPrefix: config.topicPrefix, projections, groupId: projectionsGroupId(config.topicPrefix), logger,
  deadLetters, maxAttempts: 3, partitionsInParallel: PARTITIONS_IN_PARALLEL, onBatch: batchObserver(metrics),
  onBatchRetried: () => metrics.batchesRetried.inc(),
});
running = live;
const redrives = await startRedriveRequests({
  kafka, serde, topicPrefix: config.topicPrefix, groupId: redriveRequestsGroupId(config.topicPrefix), logger, maxAttempts: 3,
  ports: redriveRequestPorts({ pool, sender: producer, serde, topicPrefix: config.topicPrefix, clock: Date.now }),
});
const lagAdmin = kafka.admin();
await lagAdmin.connect();
const lag = sampleConsumerLag({
  admin: lagAdmin, gauge: metrics.consumerLag, logger,
  source: { held: () => live.held(), committed: (topic, partitions) => slowestNextOffsets(pool, live.foldersOf(topic), topic, partitions) },
});
const openLetters = sampleOpenDeadLetters({
  count: () => openDeadLetterCounts(pool), gauge: metrics.deadLettersOpen, logger,
  projectionConsumers: projectionNames().map((name) => `projection:${name}`),
});
healthy = true;
logger.info({ projections: projections.map((p) => p.name), healthPort }, 'projections running');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  healthy = false;
  logger.info({ signal }, 'stopping');
  lag.stop();
  openLetters.stop();
  // Side by side: each consumer's leaving may wait out a fetch in flight (up to its max wait).
  await Promise.all([
    running?.stop().catch((error: unknown) => logger.warn({ err: error }, 'consumer did not stop cleanly')),
    redrives.stop().catch((error: unknown) => logger.warn({ err: error }, 're-drive request consumer did not stop cleanly')),
  ]);
  await producer.disconnect();
  await lagAdmin.disconnect();
  await dependencies.stop();
  await pool.end();
  http.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
