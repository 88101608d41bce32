// The Kafka runtime of the deciders: one read_committed consumer group over ocpp.inbound and
// csms.command-requests, whose assigner keeps partition p of both on one member, and one
// transactional producer per partition p it owns (partition-producers.ts), so that whoever
// takes a partition over, another instance or a restart of this one, fences the previous
// owner and aborts its open transaction before reading the partition's state.
import { KEYED_PARTITIONS } from '@csms/contracts';
import { createPartitionLock } from './partition-lock.ts';
import { createBatchWatch, type RuntimeHealth } from './batch-watch.ts';
import type { Kafka } from 'kafkajs';
import type { Serde } from '@csms/contracts';
import { groupOffsets, retriedByKafkajs, sampleConsumerLag, watchGroupMembership, type Logger } from '@csms/infra';
import type { ProcessorSettings, Tables } from '../deciders/context.ts';
import { createBatchHandler } from './batch-handler.ts';
import { coPartitionAssigner } from './co-partition-assigner.ts';
import type { ProcessorMetrics } from './metrics.ts';
import { createPartitionProducers, type PartitionProducers } from './partition-producers.ts';
import { createPartitionStore, type PartitionStore } from './partition-store.ts';
import { createSnapshotLoader } from './snapshot-loader.ts';
import { sourceTopicNames } from './source-records.ts';

export interface ProcessorRuntimeOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly tables: Tables;
  readonly settings: ProcessorSettings;
  readonly logger: Logger;
  readonly metrics: ProcessorMetrics;
  readonly maxAttempts?: number;
  /** A batch running longer than this means the runtime is stuck (default 300 s). */
  readonly stallMs?: number;
  /** See BatchTransactionOptions.beforeCommit. */
  readonly beforeCommit?: (partition: number) => Promise<void>;
}

export interface ProcessorRuntime {
  health(): RuntimeHealth;
  stop(): Promise<void>;
}

export function processorGroupId(topicPrefix: string): string {
  return `${topicPrefix}csms-processors`;
}

function createProducers({ kafka, topicPrefix, logger }: ProcessorRuntimeOptions): PartitionProducers {
  return createPartitionProducers({
    transactionalIdPrefix: `${topicPrefix}csms-processor`, logger,
    // A short transaction timeout: the broker aborts the transaction of a producer that died
    // mid-batch soon, so the read_committed readers of its partitions are not held up long.
    createProducer: (transactionalId) => kafka.producer({
      transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 10_000,
      // Right after a commit the broker answers the next transaction's AddPartitionsToTxn with
      // CONCURRENT_TRANSACTIONS until the previous markers are written, a few ms. kafkajs's
      // default first backoff of 300 ms made every batch wait that long; retry quickly instead.
      retry: { initialRetryTime: 5, maxRetryTime: 500, retries: 30 },
    }),
  });
}

/** Partition memories, loaded only after this instance's producers have fenced their partitions. */
function createStore({ kafka, serde, topicPrefix, logger }: ProcessorRuntimeOptions, producers: PartitionProducers): PartitionStore {
  const loadSnapshots = createSnapshotLoader({ kafka, serde, topicPrefix, logger });
  return createPartitionStore(async (partitions) => {
    await Promise.all([...partitions].map((partition) => producers.acquire(partition)));
    return loadSnapshots(partitions);
  });
}

export async function startProcessorRuntime(options: ProcessorRuntimeOptions): Promise<ProcessorRuntime> {
  const { kafka, serde, topicPrefix, logger } = options;
  const consumerGroupId = processorGroupId(topicPrefix);
  const sources = sourceTopicNames(topicPrefix);
  const producers = createProducers(options);
  const store = createStore(options, producers);
  const consumer = kafka.consumer({
    groupId: consumerGroupId, readUncommitted: false, sessionTimeout: 10_000, heartbeatInterval: 3_000,
    partitionAssigners: [coPartitionAssigner],
  });
  let held: ReadonlyMap<string, readonly number[]> = new Map();
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    held = new Map(Object.entries(payload.memberAssignment));
    // The same partitions of every source topic (co-partition-assigner.ts); the union, to be safe.
    const partitions = [...new Set(sources.names.flatMap((name) => payload.memberAssignment[name] ?? []))].sort((a, b) => a - b);
    logger.info({ partitions }, 'partitions assigned');
    store.reassign(partitions);
    // Producers are created on a partition's first batch; those of revoked partitions go now.
    void producers.retain(partitions);
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...sources.names], fromBeginning: true });
  const eachBatch = createBatchHandler({
    serde, topicPrefix, consumerGroupId, producers, store, tables: options.tables, settings: options.settings,
    logger, metrics: options.metrics, maxAttempts: options.maxAttempts ?? 3, beforeCommit: options.beforeCommit, clock: Date.now,
  });
  // Offsets are committed only by sendOffsets inside each transaction, never by the consumer.
  // Partitions run side by side (each its own producer and transaction, so commits overlap
  // instead of queueing); the lock keeps the batches of partition p of both topics apart.
  const lock = createPartitionLock();
  const watch = createBatchWatch(options.stallMs ?? 300_000);
  const membership = watchGroupMembership({ consumer, onLost: (reason) => watch.crashed(reason) });
  const admin = kafka.admin();
  await admin.connect();
  const lag = sampleConsumerLag({
    admin, gauge: options.metrics.consumerLag, logger, source: { held: () => held, committed: groupOffsets(admin, consumerGroupId) },
  });
  await consumer.run({
    autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: KEYED_PARTITIONS,
    eachBatch: (payload) => lock(payload.batch.partition, () => watch.track(payload.batch.partition, () => retriedByKafkajs(() => eachBatch(payload), () => options.metrics.batchesRetried.inc()))),
  });
  return {
    health: () => watch.health(),
    async stop() {
      membership.stop();
      lag.stop();
      await consumer.disconnect();
      await producers.close();
      await admin.disconnect();
    },
  };
}
