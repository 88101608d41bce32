// A compacted topic as an in-memory table, kept current for as long as the process runs: the
// latest value per key, a tombstone deleting it. The processors (id tags, registrations), the
// gateway (registrations, station credentials) and the api (API keys) read their configuration so.
import type { Kafka, KafkaMessage } from 'kafkajs';
import { isTransientError } from './errors/transient.ts';
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
  /** Told of every record skipped because its value cannot be decoded (for a metric). */
  readonly onUndecodable?: (key: string, error: unknown) => void;
}

export interface CompactedTable<Value> {
  readonly values: ReadonlyMap<string, Value>;
  /** Resolves once the table holds everything written before it started. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

type ApplyOptions<Value> = Pick<CompactedTableOptions<Value>, 'topic' | 'logger' | 'decode' | 'onChange' | 'onUndecodable'>;

/**
 * Folds one record into `values`. A value that cannot be decoded is skipped, the key keeping
 * its previous value: retried, it would stop the table for good (later revocations and blocks
 * never applied) while the process looks healthy. A transient failure (the registry away) is
 * thrown, so the record is read again.
 */
export function compactedTableApplier<Value>(
  values: Map<string, Value>, options: ApplyOptions<Value>,
): (partition: number, message: KafkaMessage) => Promise<void> {
  return async (partition, message) => {
    if (message.key === null) return;
    const key = message.key.toString('utf8');
    if (message.value === null) {
      values.delete(key);
      options.onChange?.(key, null);
      return;
    }
    let value: Value;
    try {
      value = await options.decode(message.value);
    } catch (error) {
      if (isTransientError(error)) throw error;
      options.logger.error({ err: error, topic: options.topic, partition, offset: message.offset, key },
        'configuration record cannot be decoded; skipped, the key keeps its previous value');
      options.onUndecodable?.(key, error);
      return;
    }
    values.set(key, value);
    options.onChange?.(key, value);
  };
}

export async function followCompactedTable<Value>(options: CompactedTableOptions<Value>): Promise<CompactedTable<Value>> {
  const values = new Map<string, Value>();
  const follower = await followTopic({
    kafka: options.kafka, topic: options.topic, groupIdPrefix: options.groupIdPrefix, logger: options.logger,
    keepFollowing: true, onMessage: compactedTableApplier(values, options),
  });
  return { values, ready: follower.caughtUp, stop: () => follower.stop() };
}
