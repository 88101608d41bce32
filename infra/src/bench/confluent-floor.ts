// The Kafka floor through @confluentinc/kafka-javascript (librdkafka), its KafkaJS-compatible API,
// with the services' settings as kafkajs-floor.ts has them. This API takes acks per producer, not
// per send. The receiver is a plain group member, read_committed as librdkafka's default; it
// commits every 5 s (this API's default) where kafkajs commits after each batch, which does not
// touch the round trip. Its log is silenced, as the kafkajs floor's is. A relay's failed
// transaction reaches onError; a consumer's failure does not, as this API has no consumer events
// (kafkajs's CRASH): it shows only as calls that time out.
import type { ConfluentKafkaJS } from './confluent-module.ts';
import { startConfluentRelay, untilAssigned } from './confluent-relay.ts';
import { groupSend } from './group-send.ts';
import type { FloorRecord, KafkaConnection, KafkaFloorClient } from './kafka-floor-client.ts';

export function confluentFloor(api: ConfluentKafkaJS, connection: KafkaConnection): KafkaFloorClient {
  const kafka = new api.Kafka({ kafkaJS: { brokers: [...connection.brokers], clientId: connection.clientId, logLevel: api.logLevel.NOTHING } });
  return {
    name: 'confluent',
    async open(options) {
      // Sends at once (librdkafka would wait linger.ms 5 first), as the gateway's producer does.
      const producer = kafka.producer({ 'linger.ms': 0, kafkaJS: { idempotent: true, maxInFlightRequests: 1, acks: -1 } });
      await producer.connect();
      const sender = groupSend<FloorRecord>(async (records) => {
        await producer.send({ topic: options.inbound, messages: records });
      });
      const relay = await startConfluentRelay(kafka, options);
      const receiver = kafka.consumer({ kafkaJS: { groupId: options.receiverGroupId, fromBeginning: true } });
      await receiver.connect();
      await receiver.subscribe({ topics: [options.outbound] });
      await receiver.run({ eachMessage: async ({ message }) => options.onReceived(String(message.value)) });
      await untilAssigned(receiver);
      return {
        send: (record) => sender.send(record),
        async close() {
          await Promise.allSettled([receiver.disconnect(), relay.stop(), producer.disconnect()]);
        },
      };
    },
  };
}
