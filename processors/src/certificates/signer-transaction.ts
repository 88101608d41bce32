// The Kafka transaction of one csms.security batch: the certificate authority's outputs and
// the consumed offset, atomically, on the partition's own producer. A failure aborts it (the
// batch is retried); a fenced producer, or a transaction that cannot be aborted and so may
// have committed, loses the partition (runtime/partition-lost.ts): its producer is dropped,
// and the next batch fences again and re-reads the committed offset before going on.
import type { TopicMessages, Transaction } from 'kafkajs';
import type { Logger } from '@csms/infra';
import { isProducerFenced, PartitionLostError, type PartitionLossReason } from '../runtime/partition-lost.ts';
import type { PartitionProducers, TransactionalProducer } from '../runtime/partition-producers.ts';
import type { SignerMetrics } from './signer-metrics.ts';

export interface SignerTransactionOptions {
  readonly consumerGroupId: string;
  /** The consumed topic, as Kafka names it. */
  readonly topic: string;
  readonly producers: PartitionProducers;
  readonly logger: Logger;
  readonly metrics: SignerMetrics;
}

export type CommitSignerBatch = (
  producer: TransactionalProducer, partition: number, topicMessages: readonly TopicMessages[], nextOffset: bigint,
) => Promise<void>;

export function createSignerCommitter(options: SignerTransactionOptions): CommitSignerBatch {
  async function losePartition(producer: TransactionalProducer, partition: number, reason: PartitionLossReason, error: unknown): Promise<never> {
    options.metrics.partitionsLost.inc({ reason });
    options.logger.warn({ err: error, partition, reason }, 'partition lost; its producer is dropped');
    await options.producers.discard(partition, producer);
    throw new PartitionLostError(partition, reason, { cause: error });
  }

  async function abandon(producer: TransactionalProducer, transaction: Transaction, partition: number, error: unknown): Promise<never> {
    options.metrics.batchesAborted.inc();
    // The broker aborted a fenced producer's transaction already; an abort would only fail again.
    if (isProducerFenced(error)) return losePartition(producer, partition, 'fenced', error);
    try {
      await transaction.abort();
    } catch (abortError) {
      return losePartition(producer, partition, isProducerFenced(abortError) ? 'fenced' : 'in-doubt', error);
    }
    throw error;
  }

  return async (producer, partition, topicMessages, nextOffset) => {
    const transaction = await producer.transaction();
    try {
      if (topicMessages.length > 0) await transaction.sendBatch({ topicMessages: [...topicMessages], acks: -1 });
      await transaction.sendOffsets({
        consumerGroupId: options.consumerGroupId,
        topics: [{ topic: options.topic, partitions: [{ partition, offset: nextOffset.toString() }] }],
      });
      await transaction.commit();
    } catch (error) {
      await abandon(producer, transaction, partition, error);
    }
  };
}
