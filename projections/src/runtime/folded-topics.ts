// Which projections fold each topic, by the topic's real (prefixed) name, and where each of its
// partitions ends: the live consumer and a rebuild's replay both read a batch once and hand it to
// every projection folding its topic.
import type { Kafka } from 'kafkajs';
import { topicName } from '@csms/contracts';
import type { ProjectedTopic, Projection, ProjectionName } from '../projection.ts';

export interface FoldedTopic {
  readonly topic: ProjectedTopic;
  readonly projections: readonly Projection[];
  readonly names: readonly ProjectionName[];
}

export function foldedTopics(projections: readonly Projection[], topicPrefix: string): ReadonlyMap<string, FoldedTopic> {
  const topics = [...new Set(projections.flatMap((p) => p.topics))];
  return new Map(topics.map((topic): [string, FoldedTopic] => {
    const folds = projections.filter((p) => p.topics.includes(topic));
    return [topicName(topic, topicPrefix), { topic, projections: folds, names: folds.map((p) => p.name) }];
  }));
}

export interface PartitionEnd {
  readonly topic: string;
  readonly partition: number;
  readonly low: number;
  /** The high watermark: the offset after the last record. */
  readonly high: number;
}

/** Keyed by partitionId. */
export type EndOffsets = ReadonlyMap<string, PartitionEnd>;

/** The key of a topic partition in the maps below and in the replay's progress. */
export const partitionId = (topic: string, partition: number): string => `${topic}:${partition}`;

export function splitPartitionId(id: string): { topic: string; partition: number } {
  const split = id.lastIndexOf(':');
  return { topic: id.slice(0, split), partition: Number(id.slice(split + 1)) };
}

/** Each partition's low and high watermarks, by partitionId, through one admin connection, the topics side by side. */
export async function measureEndOffsets(kafka: Kafka, topics: Iterable<string>): Promise<EndOffsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const byTopic = await Promise.all([...topics].map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })));
    return new Map(byTopic.flatMap(({ topic, partitions }) => partitions.map((p): [string, PartitionEnd] => [
      partitionId(topic, p.partition), { topic, partition: p.partition, low: Number(p.low), high: Number(p.high) },
    ])));
  } finally {
    await admin.disconnect();
  }
}
