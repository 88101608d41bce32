// What a re-rating reads, as it stands when it starts: every session fact and billing record
// (read_committed, so only what processors committed), and the tariffs with all their versions.
// Read whole each time: a re-rating is a rare operator action, and the log is the truth.
import type { Kafka } from 'kafkajs';
import { topicName, type BillingEvent, type Serde, type SessionEvent, type Tariff, type TopicName, type ValueOf } from '@csms/contracts';
import { followTopic, type Logger } from '@csms/infra';
import type { BillingLog } from './rerate-plan.ts';

export interface RerateInputs {
  readonly log: BillingLog;
  readonly tariffs: ReadonlyMap<string, Tariff>;
}

interface ReadOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly logger: Logger;
}

/** Each partition's records in order, one partition after another: a station's records stay in its order. */
async function readWhole<T extends TopicName>(options: ReadOptions, topic: T, onValue: (key: string | null, value: ValueOf<T> | null) => void): Promise<void> {
  const { kafka, serde, topicPrefix, logger } = options;
  const byPartition = new Map<number, { key: string | null; value: Buffer | null }[]>();
  const follower = await followTopic({
    kafka, topic: topicName(topic, topicPrefix), groupIdPrefix: `${topicPrefix}csms-rerate-read`, logger, keepFollowing: false,
    onMessage: (partition, message) => {
      const list = byPartition.get(partition) ?? [];
      list.push({ key: message.key?.toString('utf8') ?? null, value: message.value });
      byPartition.set(partition, list);
    },
  });
  await follower.caughtUp;
  await follower.stop();
  for (const partition of [...byPartition.keys()].sort((a, b) => a - b)) {
    for (const { key, value } of byPartition.get(partition)!) onValue(key, value === null ? null : await serde.decode(topic, value));
  }
}

export async function readRerateInputs(options: ReadOptions): Promise<RerateInputs> {
  const sessions: SessionEvent[] = [];
  const billing: BillingEvent[] = [];
  const tariffs = new Map<string, Tariff>();
  await readWhole(options, 'sessions', (_key, value) => { if (value !== null) sessions.push(value); });
  await readWhole(options, 'billing', (_key, value) => { if (value !== null) billing.push(value); });
  await readWhole(options, 'tariffs', (key, value) => {
    if (key === null) return;
    if (value === null) tariffs.delete(key);
    else tariffs.set(key, value);
  });
  return { log: { sessions, billing }, tariffs };
}
