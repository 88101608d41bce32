// The Kafka runtime of the deciders: a read_committed consumer of ocpp.inbound and a
// transactional producer whose id is stable per instance, so a restarted instance fences
// the one it replaces and aborts its open transaction before reading any state.
import type { Kafka } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { ProcessorSettings, Tables } from '../deciders/context.ts';
import { createBatchHandler } from './batch-handler.ts';
import type { ProcessorMetrics } from './metrics.ts';
import { createPartitionStore } from './partition-store.ts';
import { createSnapshotLoader } from './snapshot-loader.ts';

export interface ProcessorRuntimeOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  /** Stable across restarts (e.g. the StatefulSet ordinal). */
  readonly instanceId: string;
  readonly tables: Tables;
  readonly settings: ProcessorSettings;
  readonly logger: Logger;
  readonly metrics: ProcessorMetrics;
  readonly maxAttempts?: number;
}

export interface ProcessorRuntime {
  stop(): Promise<void>;
}

export function processorGroupId(topicPrefix: string): string {
  return `${topicPrefix}csms-processors`;
}

export async function startProcessorRuntime(options: ProcessorRuntimeOptions): Promise<ProcessorRuntime> {
  const { kafka, serde, topicPrefix, logger } = options;
  const consumerGroupId = processorGroupId(topicPrefix);
  const inbound = topicName('inbound', topicPrefix);
  const producer = kafka.producer({
    transactionalId: `${topicPrefix}csms-processor-${options.instanceId}`,
    idempotent: true, maxInFlightRequests: 1, transactionTimeout: 10_000,
  });
  // Connecting initialises the transactional id: any open transaction of a killed predecessor is aborted here.
  await producer.connect();
  const store = createPartitionStore(createSnapshotLoader({ kafka, serde, topicPrefix, logger }));
  const consumer = kafka.consumer({
    groupId: consumerGroupId, readUncommitted: false, sessionTimeout: 10_000, heartbeatInterval: 3_000,
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const partitions = payload.memberAssignment[inbound] ?? [];
    logger.info({ partitions }, 'inbound partitions assigned');
    store.reassign(partitions);
  });
  await consumer.connect();
  await consumer.subscribe({ topic: inbound, fromBeginning: true });
  const eachBatch = createBatchHandler({
    serde, topicPrefix, consumerGroupId, producer, store, tables: options.tables, settings: options.settings,
    logger, metrics: options.metrics, maxAttempts: options.maxAttempts ?? 3,
  });
  // Offsets are committed only by sendOffsets inside each transaction, never by the consumer.
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
  return {
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
