// One Kafka transaction of a partition's own producer, for both runtimes that consume, produce
// and commit atomically (the deciders' and the certificate authority's): the encoded outputs, in
// produce requests below the broker's limit, then the group's next offset of the consumed
// partition, then the commit. What its failure means: aborted (the batch is retried on a fresh
// producer) or, when the producer is fenced or the transaction cannot be aborted, a lost
// partition (partition-lost.ts).
import type { Transaction } from 'kafkajs';
import type { Counter } from 'prom-client';
import { topicName, type TopicName } from '@csms/contracts';
import { secondsSince, type Logger, type StageObserver } from '@csms/infra';
import { requestsOf, type EncodedMessage } from './batch-outputs.ts';
import { isProducerFenced, PartitionLostError, type PartitionLossReason } from './partition-lost.ts';
import type { PartitionProducers, TransactionalProducer } from './partition-producers.ts';

export interface PartitionTransactionOptions {
  readonly topicPrefix: string;
  readonly consumerGroupId: string;
  readonly producers: PartitionProducers;
  readonly logger: Logger;
  readonly metrics: { readonly batchesAborted: Counter; readonly partitionsLost: Counter<'reason'> };
  /** Times each committed transaction, from its first send to its commit; the deciders' runtime only. */
  readonly transactionSeconds?: StageObserver;
  /** Times each committed transaction's commit() alone; the deciders' runtime only. */
  readonly commitSeconds?: StageObserver;
  /** Drops what was derived under the partition's dropped producer (the deciders' memory of it). */
  readonly onLost?: (partition: number) => void;
  /** A failpoint for crash tests: runs after the outputs are produced and before the commit. */
  readonly beforeCommit?: (partition: number) => Promise<void>;
}

export interface PartitionWrite {
  readonly producer: TransactionalProducer;
  readonly partition: number;
  readonly messages: readonly EncodedMessage[];
  /** The topic the batch was consumed from, whose group offset the transaction moves. */
  readonly consumed: TopicName;
  readonly nextOffset: bigint;
}

/** The most bytes in one produce request of a transaction: below the broker's message.max.bytes. */
export const MAX_REQUEST_BYTES = 512 * 1024;

export type CommitPartition = (write: PartitionWrite) => Promise<void>;

export function createPartitionCommitter(options: PartitionTransactionOptions): CommitPartition {
  /** Drops the partition's producer (and what the owner derived), so its next batch fences again. */
  async function losePartition(
    producer: TransactionalProducer, partition: number, reason: PartitionLossReason, error: unknown,
  ): Promise<never> {
    options.metrics.partitionsLost.inc({ reason });
    options.logger.warn({ err: error, partition, reason }, 'partition lost; its producer and what was derived under it are dropped');
    options.onLost?.(partition);
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
    // Aborted; but kafkajs may have left this producer's sequence numbers behind the broker's,
    // so a fresh one (same transactional id) takes over. Initialising it fences whoever holds the
    // id now, which may be the partition's new owner after a rebalance, having committed since:
    // so the memory goes too, and is reloaded from the snapshots once the fresh producer has fenced.
    options.onLost?.(partition);
    await options.producers.discard(partition, producer);
    throw error;
  }

  return async ({ producer, partition, messages, consumed, nextOffset }) => {
    const requests = requestsOf(messages, options.topicPrefix, MAX_REQUEST_BYTES);
    const transaction = await producer.transaction();
    const started = performance.now();
    let commitStarted = started;
    try {
      for (const topicMessages of requests) await transaction.sendBatch({ topicMessages, acks: -1 });
      await transaction.sendOffsets({
        consumerGroupId: options.consumerGroupId,
        topics: [{ topic: topicName(consumed, options.topicPrefix), partitions: [{ partition, offset: nextOffset.toString() }] }],
      });
      await options.beforeCommit?.(partition);
      commitStarted = performance.now();
      await transaction.commit();
    } catch (error) {
      await abandon(producer, transaction, partition, error);
    }
    // Committed ones only, as the produce histogram counts acknowledged records only: a failed
    // transaction's time is the retry's story, told by batches aborted.
    options.commitSeconds?.observe(secondsSince(commitStarted));
    options.transactionSeconds?.observe(secondsSince(started));
  };
}
