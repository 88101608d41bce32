// The Kafka transaction of one batch (of ocpp.inbound or csms.command-requests), on the
// producer of the batch's partition: its outputs, the snapshots of the state it changed and its
// offset (partition-transaction.ts). A failure leaves memory untouched and the batch is retried;
// a lost partition also drops the partition's memory, reloaded from snapshots before its next batch.
import type { Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { Overlay, SourceTopic } from '../partition-memory.ts';
import { snapshotsOf } from '../snapshots.ts';
import { encodeSnapshots, type EncodedMessage } from './batch-outputs.ts';
import type { ProcessorMetrics } from './metrics.ts';
import { createPartitionCommitter } from './partition-transaction.ts';
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

/**
 * Writes the batch's encoded outputs, its snapshots and `overlay.nextOffsets[source]` as the
 * group's offset of the batch's own topic, atomically.
 */
export type CommitBatch = (
  producer: TransactionalProducer, overlay: Overlay, messages: readonly EncodedMessage[], source: SourceTopic, partition: number,
) => Promise<void>;

export function createBatchCommitter(options: BatchTransactionOptions): CommitBatch {
  const commit = createPartitionCommitter({ ...options, onLost: (partition) => options.store.forget(partition) });
  return async (producer, overlay, messages, source, partition) => {
    const snapshots = await encodeSnapshots(options.serde, snapshotsOf(overlay), partition);
    await commit({ producer, partition, messages: [...messages, ...snapshots], consumed: source, nextOffset: overlay.nextOffsets[source] });
  };
}
