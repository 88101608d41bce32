// The Kafka floor through kafkajs, the client the services use, with their settings: the
// reference the other clients' floors mirror.
import type { Kafka, Message } from 'kafkajs';
import { startKafkajsRelay } from './kafkajs-relay.ts';
import type { KafkaFloorClient } from './kafka-floor-client.ts';
import { groupSend } from './group-send.ts';

export function kafkajsFloor(kafka: Kafka): KafkaFloorClient {
  return {
    name: 'kafkajs',
    async open(options) {
      // The gateway's producer: idempotent, acks=all, one request in flight (gateway/src/kafka-writer.ts).
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const sender = groupSend<Message>(async (messages) => {
        await producer.sendBatch({ acks: -1, topicMessages: [{ topic: options.inbound, messages }] });
      });
      const relay = await startKafkajsRelay(kafka, options);
      // The gateway's outbound consumer: a plain group member (gateway/src/outbound-consumer.ts).
      const receiver = kafka.consumer({ groupId: options.receiverGroupId });
      receiver.on(receiver.events.CRASH, ({ payload }) => options.onError(payload.error));
      const joined = new Promise<void>((resolve) => receiver.on(receiver.events.GROUP_JOIN, () => resolve()));
      await receiver.connect();
      await receiver.subscribe({ topic: options.outbound, fromBeginning: true });
      await receiver.run({ eachMessage: async ({ message }) => options.onReceived(String(message.value)) });
      await joined;
      return {
        send: (record) => sender.send(record),
        async close() {
          await Promise.allSettled([receiver.disconnect(), relay.stop(), producer.disconnect()]);
        },
      };
    },
  };
}
