// What a re-rating reads, as it stands when it starts: every session fact and billing record
// (read_committed, so only what processors committed), and the tariffs with all their versions.
// Read whole each time: a re-rating is a rare operator action, and the log is the truth. A
// station's records keep their order (one partition); across stations order does not matter.
import type { Kafka } from 'kafkajs';
import { topicName, type Serde, type Tariff, type TopicName, type ValueOf } from '@csms/contracts';
import { followCompactedTable, followTopic, type Logger } from '@csms/infra';
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

const groupIdPrefix = (options: ReadOptions) => `${options.topicPrefix}csms-rerate-read`;

async function readWhole<T extends 'sessions' | 'billing'>(options: ReadOptions, topic: T): Promise<ValueOf<T>[]> {
  const values: ValueOf<T>[] = [];
  const follower = await followTopic({
    kafka: options.kafka, topic: topicName(topic, options.topicPrefix), groupIdPrefix: groupIdPrefix(options), logger: options.logger,
    keepFollowing: false,
    onMessage: async (_partition, message) => {
      if (message.value !== null) values.push(await options.serde.decode(topic, message.value));
    },
  });
  await follower.caughtUp;
  await follower.stop();
  return values;
}

async function readTable<T extends TopicName>(options: ReadOptions, topic: T): Promise<ReadonlyMap<string, ValueOf<T>>> {
  const table = await followCompactedTable<ValueOf<T>>({
    kafka: options.kafka, topic: topicName(topic, options.topicPrefix), groupIdPrefix: groupIdPrefix(options), logger: options.logger,
    decode: (bytes) => options.serde.decode(topic, bytes),
  });
  await table.ready;
  await table.stop();
  return table.values;
}

export async function readRerateInputs(options: ReadOptions): Promise<RerateInputs> {
  const [sessions, billing, tariffs] = await Promise.all([readWhole(options, 'sessions'), readWhole(options, 'billing'), readTable(options, 'tariffs')]);
  return { log: { sessions, billing }, tariffs };
}
