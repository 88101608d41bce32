// The Kafka transaction of one batch (of ocpp.inbound or csms.command-requests), on the
// producer of the batch's partition, and what its failure means: aborted (memory untouched, the batch is retried) or, when the
// producer is fenced or the transaction cannot be aborted, a lost partition (partition-lost.ts).
import type { Transaction } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { Overlay, SourceTopic } from '../partition-memory.ts';
import { snapshotsOf } from '../snapshots.ts';
import { encodeSnapshots, requestsOf, type EncodedMessage } from './batch-outputs.ts';
import type { ProcessorMetrics } from './metrics.ts';
import { isProducerFenced, PartitionLostError, type PartitionLossReason } from './partition-lost.ts';
import type { PartitionProducers, TransactionalProducer } from './partition-producers.ts';
import type { PartitionStore } from './partition-store.ts';

export interface BatchTransactionOptions {
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly consumerGroupId: string;
  readonly producers: PartitionProducers;
  readonly store: PartitionStore;
  readonly logger: Logger;
  readonly metrics: ProcessorMetrics;
  /** A failpoint for crash tests: runs after a batch's outputs are produced and before its commit. */
  readonly beforeCommit?: (partition: number) => Promise<void>;
}

/** The most bytes in one produce request of a transaction: below the broker's message.max.bytes. */
const MAX_REQUEST_BYTES = 512 * 1024;

/**
 * Writes the batch's encoded outputs, its snapshots and `overlay.nextOffsets[source]` as the
 * group's offset of the batch's own topic, atomically.
 */
export type CommitBatch = (
  producer: TransactionalProducer, overlay: Overlay, messages: readonly EncodedMessage[], source: SourceTopic, partition: number,
) => Promise<void>;

export function createBatchCommitter(options: BatchTransactionOptions): CommitBatch {
  /** Drops the partition's producer and memory, so its next batch fences again and reloads snapshots. */
  async function losePartition(
    producer: TransactionalProducer, partition: number, reason: PartitionLossReason, error: unknown,
  ): Promise<never> {
    options.metrics.partitionsLost.inc({ reason });
    options.logger.warn({ err: error, partition, reason }, 'partition lost; its state and producer are dropped');
    options.store.forget(partition);
    await options.producers.discard(partition, producer);
    throw new PartitionLostError(partition, reason, { cause: error });
  }

  /** Undoes a failed transaction; if it cannot be undone its outcome is unknown and the partition is given up. */
  async function abandon(
    producer: TransactionalProducer, transaction: Transaction, partition: number, error: unknown,
  ): Promise<never> {
    options.metrics.batchesAborted.inc();
    // The broker aborted a fenced producer's transaction already; an abort would only fail again.
    if (isProducerFenced(error)) return losePartition(producer, partition, 'fenced', error);
    try {
      await transaction.abort();
    } catch (abortError) {
      return losePartition(producer, partition, isProducerFenced(abortError) ? 'fenced' : 'in-doubt', error);
    }
    // Aborted, so memory is still right; but kafkajs may have left this producer's sequence
    // numbers behind the broker's, so a fresh one (same transactional id) takes over.
    await options.producers.discard(partition, producer);
    throw error;
  }

  return async (producer, overlay, messages, source, partition) => {
    const snapshots = await encodeSnapshots(options.serde, snapshotsOf(overlay), partition);
    const requests = requestsOf([...messages, ...snapshots], options.topicPrefix, MAX_REQUEST_BYTES);
    const transaction = await producer.transaction();
    try {
      for (const topicMessages of requests) await transaction.sendBatch({ topicMessages, acks: -1 });
      await transaction.sendOffsets({
        consumerGroupId: options.consumerGroupId,
        topics: [{ topic: topicName(source, options.topicPrefix), partitions: [{ partition, offset: overlay.nextOffsets[source].toString() }] }],
      });
      await options.beforeCommit?.(partition);
      await transaction.commit();
    } catch (error) {
      await abandon(producer, transaction, partition, error);
    }
  };
}
