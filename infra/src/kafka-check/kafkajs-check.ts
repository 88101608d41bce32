// The read_committed check through kafkajs, with the processors' transactional settings
// (processors/src/runtime/processor-runtime.ts) and the projections' read_committed consumer.
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { CheckClient } from './check-client.ts';

export function kafkajsCheck(kafka: Kafka, transactionalId: string): CheckClient {
  const opened: (Producer | Consumer)[] = [];
  return {
    async write(topic, plan) {
      const producer = kafka.producer({
        transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 10_000,
        retry: { initialRetryTime: 5, maxRetryTime: 500, retries: 30 },
      });
      opened.push(producer);
      await producer.connect();
      for (const { commit, records } of plan) {
        const transaction = await producer.transaction();
        await transaction.send({ topic, acks: -1, messages: records.map(({ partition, value }) => ({ partition, value })) });
        await (commit ? transaction.commit() : transaction.abort());
      }
    },
    async read(topic, groupId, onRecord) {
      const consumer = kafka.consumer({ groupId, readUncommitted: false });
      opened.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            if (onRecord({ partition, value: String(message.value) })) resolve();
          },
        }).catch(reject);
      });
    },
    async close() {
      await Promise.allSettled(opened.map((client) => client.disconnect()));
    },
  };
}
