// A compacted topic as an in-memory table, kept current for as long as the process runs: the
// latest value per key, a tombstone deleting it. The processors (id tags, registrations), the
// gateway (registrations, station credentials) and the api (API keys) read their configuration so.
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from './logger.ts';
import { followTopic } from './topic-follower.ts';

export interface CompactedTableOptions<Value> {
  readonly kafka: Kafka;
  /** The topic's real (prefixed) name. */
  readonly topic: string;
  readonly groupIdPrefix: string;
  readonly logger: Logger;
  readonly decode: (bytes: Buffer) => Promise<Value>;
  /** Told of every change once applied (value null: deleted). */
  readonly onChange?: (key: string, value: Value | null) => void;
}

export interface CompactedTable<Value> {
  readonly values: ReadonlyMap<string, Value>;
  /** Resolves once the table holds everything written before it started. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export async function followCompactedTable<Value>(options: CompactedTableOptions<Value>): Promise<CompactedTable<Value>> {
  const values = new Map<string, Value>();
  const apply = async (_partition: number, message: KafkaMessage): Promise<void> => {
    if (message.key === null) return;
    const key = message.key.toString('utf8');
    if (message.value === null) {
      values.delete(key);
      options.onChange?.(key, null);
      return;
    }
    const value = await options.decode(message.value);
    values.set(key, value);
    options.onChange?.(key, value);
  };
  const follower = await followTopic({
    kafka: options.kafka, topic: options.topic, groupIdPrefix: options.groupIdPrefix, logger: options.logger,
    keepFollowing: true, onMessage: apply,
  });
  return { values, ready: follower.caughtUp, stop: () => follower.stop() };
}
