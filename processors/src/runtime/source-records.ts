// The topics the processors consume, as kafkajs names them, and their records decoded.
import { topicName, type Serde } from '@csms/contracts';
import { sourceTopics, type SourceTopic } from '../partition-memory.ts';
import type { SourceRecord } from '../process-record.ts';

export interface SourceTopics {
  /** The kafkajs topic names to subscribe to. */
  readonly names: readonly string[];
  /** The logical source of a kafkajs topic name; throws for a topic the processors do not consume. */
  sourceOf(topic: string): SourceTopic;
}

export function sourceTopicNames(topicPrefix: string): SourceTopics {
  const byName = new Map(sourceTopics.map((source) => [topicName(source, topicPrefix), source] as const));
  return {
    names: [...byName.keys()],
    sourceOf(topic) {
      const source = byName.get(topic);
      if (source === undefined) throw new Error(`not a source topic of the processors: ${topic}`);
      return source;
    },
  };
}

export async function decodeSourceRecord(serde: Serde, source: SourceTopic, bytes: Buffer): Promise<SourceRecord> {
  switch (source) {
    case 'inbound':
      return { source, record: await serde.decode('inbound', bytes) };
    case 'commandRequests':
      return { source, record: await serde.decode('commandRequests', bytes) };
    default: {
      const _exhaustive: never = source;
      return _exhaustive;
    }
  }
}
