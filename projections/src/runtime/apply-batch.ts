// Applies the records of one topic partition that the projection has not applied yet, then
// moves its stored offset; the caller wraps this in the database transaction. Records below
// the stored offset (redelivered after a crash, a rebalance or a seek) are skipped.
import type { Db } from '../db.ts';
import type { ProjectedTopic, Projection } from '../projection.ts';
import type { OffsetRecord } from './decode.ts';
import { readNextOffset, saveNextOffset } from './offsets.ts';

export interface PartitionBatch {
  readonly topic: ProjectedTopic;
  /** The topic's real (prefixed) name, as stored in projection_offsets. */
  readonly topicName: string;
  readonly partition: number;
  readonly records: readonly OffsetRecord[];
  /** The offset after this batch: past its last record, and past control records that follow. */
  readonly nextOffset: number;
}

/** Returns how many records were applied. */
export async function applyBatch(db: Db, projection: Projection, batch: PartitionBatch): Promise<number> {
  const stored = await readNextOffset(db, projection.name, batch.topicName, batch.partition);
  let applied = 0;
  for (const { offset, record } of batch.records) {
    if (offset < stored) continue;
    await projection.apply(db, record, { topic: batch.topic, partition: batch.partition, offset });
    applied += 1;
  }
  if (batch.nextOffset > stored) {
    await saveNextOffset(db, projection.name, batch.topicName, batch.partition, batch.nextOffset);
  }
  return applied;
}
