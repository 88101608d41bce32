// The kafkajs client as every service uses it: logs through pino, topics created from
// the contracts' definitions.
import { Kafka, logLevel, type Admin, type KafkaConfig, type LogEntry } from 'kafkajs';
import { topicName, topics, type TopicName } from '@csms/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from './logger.ts';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error', [logLevel.WARN]: 'warn', [logLevel.INFO]: 'info', [logLevel.DEBUG]: 'debug',
};

export interface KafkaOptions {
  readonly brokers: string[];
  readonly clientId: string;
  readonly logger: Logger;
  readonly extra?: Partial<KafkaConfig>;
}

export function createKafka({ brokers, clientId, logger, extra }: KafkaOptions): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  return new Kafka({
    brokers,
    clientId,
    // KAFKA_LOG_LEVEL=debug shows kafkajs's protocol traffic when something hangs.
    logLevel: process.env.KAFKA_LOG_LEVEL === 'debug' ? logLevel.DEBUG : logLevel.WARN,
    logCreator: () => ({ namespace, level, log: entry }: LogEntry) => {
      const { message, ...rest } = entry;
      log[levels[level] ?? 'info']({ namespace, ...rest }, message);
    },
    ...extra,
  });
}

async function untilOffsetsReadable(admin: Admin, topic: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await admin.fetchTopicOffsets(topic);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/**
 * Kafka compacts only closed segments, and by default a segment closes at 1 GiB or after 7 days:
 * until then a compacted topic keeps every version of every key, and whoever reads it from the
 * start (the processors' snapshots on each assignment, the gateways' station registry) reads them
 * all. Closing a segment hourly or at 64 MiB bounds that to about an hour's writes per partition.
 */
export const COMPACTED_SEGMENT = { ms: 3_600_000, bytes: 64 * 1024 * 1024 } as const;

/** Cleanup policy and disk caps of a topic, as contracts define them. */
export function topicConfig(t: TopicName): { name: string; value: string }[] {
  const spec = topics[t];
  if (spec.compacted) {
    return [
      { name: 'cleanup.policy', value: 'compact' },
      { name: 'segment.ms', value: String(COMPACTED_SEGMENT.ms) },
      { name: 'segment.bytes', value: String(COMPACTED_SEGMENT.bytes) },
    ];
  }
  if (!('retention' in spec) || spec.retention === undefined) return [];
  return [
    { name: 'retention.ms', value: String(spec.retention.ms) },
    { name: 'retention.bytes', value: String(spec.retention.bytesPerPartition) },
  ];
}

/** Creates any missing topic of the system (with its partitions and cleanup policy). */
export async function ensureTopics(kafka: Kafka, topicPrefix = '', which = Object.keys(topics) as TopicName[]): Promise<void> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = which.filter((t) => !existing.has(topicName(t, topicPrefix)));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: topicName(t, topicPrefix),
          numPartitions: topics[t].partitions,
          replicationFactor: -1,
          configEntries: topicConfig(t),
        })),
      });
    }
    // Leaders are elected, but a broker may still answer NOT_LEADER for a new partition for a
    // moment; callers read end offsets straight away, so wait until that works. The existing
    // topics too: on a fresh cluster another service may have created them a moment ago.
    await Promise.all(which.map((t) => untilOffsetsReadable(admin, topicName(t, topicPrefix))));
  } finally {
    await admin.disconnect();
  }
}
