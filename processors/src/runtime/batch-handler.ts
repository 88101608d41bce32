// One inbound batch as one Kafka transaction: decide every record against an overlay of
// the partition's state, then write replies, domain events, snapshots and the consumed
// offset atomically (DESIGN invariant 2). Memory takes the overlay only after the commit.
import type { EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type { DeadLetter, Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { ProcessorSettings, Tables } from '../deciders/context.ts';
import { applyOverlay, createOverlay, type Overlay } from '../partition-memory.ts';
import { processRecord } from '../process-record.ts';
import { snapshotsOf } from '../snapshots.ts';
import { encodeOutputs, type BatchOutputs } from './batch-outputs.ts';
import type { ProcessorMetrics } from './metrics.ts';
import type { PartitionStore } from './partition-store.ts';

export interface BatchHandlerOptions {
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly consumerGroupId: string;
  readonly producer: Producer;
  readonly store: PartitionStore;
  readonly tables: Tables;
  readonly settings: ProcessorSettings;
  readonly logger: Logger;
  readonly metrics: ProcessorMetrics;
  /** Attempts at a throwing record before it is dead-lettered. */
  readonly maxAttempts: number;
}

type Handler = (payload: EachBatchPayload) => Promise<void>;

export function createBatchHandler(options: BatchHandlerOptions): Handler {
  const failures = new Map<string, number>();

  async function processMessage(message: KafkaMessage, overlay: Overlay, partition: number, outputs: BatchOutputs): Promise<void> {
    if (message.value === null) return;
    const record = await options.serde.decode('inbound', message.value);
    outputs.records.push(processRecord(record, overlay, { partition, tables: options.tables, settings: options.settings }));
    options.metrics.recordsProcessed.inc({ type: record.type });
  }

  /** A record that throws is a bug: rethrown (the batch is retried) until it has failed maxAttempts times. */
  function deadLetterOrRethrow(error: unknown, topic: string, partition: number, message: KafkaMessage, outputs: BatchOutputs): void {
    const id = `${topic}:${partition}:${message.offset}`;
    const attempts = (failures.get(id) ?? 0) + 1;
    options.metrics.recordFailures.inc();
    const log = options.logger.child({ topic, partition, offset: message.offset, chargePointId: message.key?.toString('utf8') });
    if (attempts < options.maxAttempts) {
      failures.set(id, attempts);
      log.warn({ err: error, attempts }, 'record failed; retrying the batch');
      throw error;
    }
    failures.delete(id);
    log.error({ err: error, attempts }, 'record failed repeatedly; dead-lettered');
    options.metrics.deadLetters.inc();
    const deadLetter: DeadLetter = {
      sourceTopic: topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null,
      value: message.value ?? Buffer.alloc(0), error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      at: Number(message.timestamp),
    };
    outputs.deadLetters.push(deadLetter);
  }

  async function commit(overlay: Overlay, outputs: BatchOutputs, topic: string, partition: number, nextOffset: string): Promise<void> {
    const topicMessages = await encodeOutputs(options.serde, options.topicPrefix, outputs, snapshotsOf(overlay), partition);
    const transaction = await options.producer.transaction();
    try {
      if (topicMessages.length > 0) await transaction.sendBatch({ topicMessages, acks: -1 });
      await transaction.sendOffsets({
        consumerGroupId: options.consumerGroupId, topics: [{ topic, partitions: [{ partition, offset: nextOffset }] }],
      });
      await transaction.commit();
    } catch (error) {
      options.metrics.batchesAborted.inc();
      await transaction.abort().catch((abortError: unknown) => options.logger.warn({ err: abortError }, 'abort failed'));
      throw error;
    }
  }

  return async ({ batch, resolveOffset, heartbeat }) => {
    const last = batch.messages.at(-1);
    if (last === undefined) return;
    const stopTimer = options.metrics.batchSeconds.startTimer();
    const memory = await options.store.ensureLoaded(batch.partition, heartbeat);
    const overlay = createOverlay(memory);
    const outputs: BatchOutputs = { records: [], deadLetters: [] };
    for (const message of batch.messages) {
      try {
        await processMessage(message, overlay, batch.partition, outputs);
      } catch (error) {
        deadLetterOrRethrow(error, batch.topic, batch.partition, message, outputs);
      }
    }
    await commit(overlay, outputs, batch.topic, batch.partition, (BigInt(last.offset) + 1n).toString());
    applyOverlay(overlay);
    options.metrics.batchesCommitted.inc();
    stopTimer();
    resolveOffset(last.offset);
    await heartbeat();
  };
}
