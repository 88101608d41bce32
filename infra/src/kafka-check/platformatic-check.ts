// The read_committed check through @platformatic/kafka, with the floor's settings for it
// (../bench/platformatic-settings.ts: kafkajs's defaults, fast retries of CONCURRENT_TRANSACTIONS,
// which the coordinator answers while the transaction before is still being completed).
import { Consumer, FetchIsolationLevels, MessagesStreamFallbackModes, MessagesStreamModes, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import type { KafkaConnection } from '../bench/kafka-floor-client.ts';
import { backoff, clientBase } from '../bench/platformatic-settings.ts';
import type { CheckClient } from './check-client.ts';

export function platformaticCheck(connection: KafkaConnection, transactionalId: string): CheckClient {
  const base = clientBase(connection);
  const opened: { close(force?: boolean): Promise<void> }[] = [];
  return {
    async write(topic, plan) {
      const producer = new Producer({ ...base, transactionalId, idempotent: true, timeout: 10_000, serializers: stringSerializers, ...backoff(30, 5, 500) });
      opened.push(producer);
      for (const { commit, records } of plan) {
        const transaction = await producer.beginTransaction();
        await transaction.send({ messages: records.map(({ partition, value }) => ({ topic, partition, value })) });
        await (commit ? transaction.commit() : transaction.abort());
      }
    },
    async read(topic, groupId, onRecord) {
      const consumer = new Consumer({ ...base, groupId, isolationLevel: FetchIsolationLevels.READ_COMMITTED, deserializers: stringDeserializers });
      opened.push({ close: async () => { await consumer.close(true); } });
      const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.EARLIEST, fallbackMode: MessagesStreamFallbackModes.EARLIEST });
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('data', (message) => {
          if (onRecord({ partition: message.partition, value: String(message.value) })) resolve();
        });
      });
    },
    async close() {
      await Promise.allSettled(opened.map((client) => client.close()));
    },
  };
}
