// Everything a topic holds now, as a read_committed consumer sees it, decoded: what analytics
// consumers see, so a test can count facts in Kafka itself rather than in a read model.
import { createSerde, topicName, type TopicName, type ValueOf } from '@csms/contracts';
import { createKafka, createLogger, followTopic } from '../src/index.ts';
import type { TestEnvironment } from '../src/test-env.ts';

export async function readTopic<T extends TopicName>(env: TestEnvironment, topic: T): Promise<ValueOf<T>[]> {
  const logger = createLogger('read-topic', 'warn');
  const kafka = createKafka({ brokers: env.kafkaBrokers, clientId: `${env.topicPrefix}read-topic`, logger });
  const serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
  const byPartition = new Map<number, ValueOf<T>[]>();
  const follower = await followTopic({
    kafka, topic: topicName(topic, env.topicPrefix), groupIdPrefix: `${env.topicPrefix}read-topic`, logger, keepFollowing: false,
    onMessage: async (partition, message) => {
      if (message.value === null) return;
      const list = byPartition.get(partition) ?? [];
      list.push(await serde.decode(topic, message.value));
      byPartition.set(partition, list);
    },
  });
  await follower.caughtUp;
  await follower.stop();
  return [...byPartition.values()].flat();
}
