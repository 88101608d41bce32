// Reads a whole topic from the beginning with a throwaway consumer group (kafkajs cannot
// assign partitions by hand) and tells when it has reached the end offsets taken at start.
// Used for the compacted config tables (kept running) and for loading snapshots (stopped
// once caught up).
import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from './logger.ts';

export interface FollowOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  /** Prefix of the throwaway group id; a random suffix makes it unique. */
  readonly groupIdPrefix: string;
  readonly logger: Logger;
  /** Only these partitions are delivered and waited for; all when absent. */
  readonly partitions?: ReadonlySet<number>;
  /** False to read only up to the end offsets: no consumer is started when there is nothing to read. */
  readonly keepFollowing: boolean;
  onMessage(partition: number, message: KafkaMessage): Promise<void> | void;
}

export interface Follower {
  /** Resolves once every wanted partition has been read up to its end offset at start. */
  readonly caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/** Last offset to reach per wanted partition; partitions with nothing to read are left out. */
async function endOffsets(kafka: Kafka, topic: string, wanted?: ReadonlySet<number>): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends = new Map<number, bigint>();
    for (const { partition, high, low } of offsets) {
      if (wanted !== undefined && !wanted.has(partition)) continue;
      if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high) - 1n);
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

export async function followTopic(options: FollowOptions): Promise<Follower> {
  const { kafka, topic, partitions, logger } = options;
  const pending = await endOffsets(kafka, topic, partitions);
  let markCaughtUp: () => void = () => {};
  const caughtUp = new Promise<void>((resolve) => { markCaughtUp = resolve; });
  if (pending.size === 0) markCaughtUp();
  if (pending.size === 0 && !options.keepFollowing) return { caughtUp, stop: async () => {} };
  const consumer = kafka.consumer({ groupId: `${options.groupIdPrefix}-${randomUUID()}`, readUncommitted: false });
  // END_BATCH_PROCESS also fires for batches of control records only (transaction markers),
  // which never reach eachBatch, so the end is seen even when the last record is a marker.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const end = pending.get(payload.partition);
    if (payload.topic !== topic || end === undefined || BigInt(payload.lastOffset) < end) return;
    pending.delete(payload.partition);
    if (pending.size === 0) markCaughtUp();
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      if (partitions !== undefined && !partitions.has(batch.partition)) return;
      for (const message of batch.messages) await options.onMessage(batch.partition, message);
    },
  });
  logger.debug({ topic, partitions: [...pending.keys()] }, 'following topic');
  return { caughtUp, stop: () => consumer.disconnect() };
}
