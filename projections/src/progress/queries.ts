// How far the projections have folded a topic: for a reader that heard of a record on Kafka (the
// api's live events) and must not look for it in the read models before every projection folding
// its topic has stored an offset past it. The same queries the projections' own lag gauge reads.
import type { Db } from '../db.ts';
import { foldedTopics } from '../runtime/folded-topics.ts';
import { slowestNextOffsets } from '../runtime/offsets.ts';
import { projections } from '../runtime/registry.ts';

/** The next offset every projection folding the topic has passed, per partition (0 where one has not started). */
export type FoldedProgress = (topic: string, partitions: readonly number[]) => Promise<ReadonlyMap<number, bigint>>;

/** Progress by a topic's real (prefixed) name; asking of a topic no projection folds is a bug. */
export function foldedProgress(db: Db, topicPrefix: string): FoldedProgress {
  const folded = foldedTopics(projections, topicPrefix);
  return async (topic, partitions) => {
    const folders = folded.get(topic)?.names;
    if (folders === undefined) throw new Error(`no projection folds ${topic}`);
    return slowestNextOffsets(db, folders, topic, partitions);
  };
}
