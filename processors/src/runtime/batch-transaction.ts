// The Kafka transaction of one batch (of ocpp.inbound or csms.command-requests), on the
// producer of the batch's partition: its outputs, the snapshots of the state it changed (encoded
// by each record's step, which checked their size), the partition's counter and next offsets, and
// its offset (partition-transaction.ts). Memory takes nothing from a failed batch; as its producer
// is replaced, the partition's memory is dropped too and reloaded from snapshots before its next batch.
import type { Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { Overlay, SourceTopic } from '../partition-memory.ts';
import { partitionSnapshotsOf } from '../snapshots.ts';
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

export interface BatchWrite {
  readonly producer: TransactionalProducer;
  readonly partition: number;
  readonly source: SourceTopic;
  /** The batch's state: its counter and next offsets are snapshotted here. */
  readonly overlay: Overlay;
  readonly messages: readonly EncodedMessage[];
  /** The encoded snapshot of every decider state the overlay changed, one per key. */
  readonly snapshots: readonly EncodedMessage[];
}

/**
 * Writes the batch's encoded outputs, its snapshots and `overlay.nextOffsets[source]` as the
 * group's offset of the batch's own topic, atomically.
 */
export type CommitBatch = (write: BatchWrite) => Promise<void>;

export function createBatchCommitter(options: BatchTransactionOptions): CommitBatch {
  const commit = createPartitionCommitter({
    ...options, onLost: (partition) => options.store.forget(partition),
    transactionSeconds: options.metrics.stages.transaction, commitSeconds: options.metrics.stages.commit,
  });
  return async ({ producer, partition, source, overlay, messages, snapshots }) => {
    const partitionRecords = await encodeSnapshots(options.serde, partitionSnapshotsOf(overlay), partition);
    await commit({
      producer, partition, messages: [...messages, ...snapshots, ...partitionRecords], consumed: source,
      nextOffset: overlay.nextOffsets[source],
    });
  };
}
