// The Kafka floor through @platformatic/kafka (pure TypeScript), with the services' settings as
// kafkajs-floor.ts has them (and kafkajs's defaults, platformatic-settings.ts). The gateway-like
// producer is idempotent, which in this client means acks=all and one request in flight. The
// receiver is a plain group member, read_committed as kafkajs's default, committing after each
// fetch as kafkajs commits after each batch.
import {
  Consumer, MessagesStreamFallbackModes, MessagesStreamModes, Producer, stringDeserializers, stringSerializers, type Message,
} from '@platformatic/kafka';
import { groupSend } from './group-send.ts';
import type { FloorRecord, KafkaConnection, KafkaFloorClient } from './kafka-floor-client.ts';
import { startPlatformaticRelay } from './platformatic-relay.ts';
import { clientBase } from './platformatic-settings.ts';

export function platformaticFloor(connection: KafkaConnection): KafkaFloorClient {
  const base = clientBase(connection);
  return {
    async open(options) {
      // The client connects on first use: the bench's boot round trip, before the window, pays for it.
      const producer = new Producer({ ...base, idempotent: true, serializers: stringSerializers });
      const sender = groupSend<FloorRecord>(async (records) => {
        await producer.send({ messages: records.map(({ key, value }) => ({ topic: options.inbound, key, value })) });
      });
      const relay = await startPlatformaticRelay({
        connection, from: options.inbound, to: options.outbound, groupId: options.relayGroupId,
        transactionalIdPrefix: options.transactionalIdPrefix, onError: options.onError,
      });
      const receiver = new Consumer({ ...base, groupId: options.receiverGroupId, deserializers: stringDeserializers });
      const stream = await receiver.consume({ topics: [options.outbound], mode: MessagesStreamModes.COMMITTED, fallbackMode: MessagesStreamFallbackModes.EARLIEST });
      stream.on('error', options.onError);
      stream.on('data', (message: Message<string, string, string, string>) => options.onReceived(message.value));
      return {
        send: (record) => sender.send(record),
        async close() {
          await Promise.allSettled([receiver.close(true), relay.stop(), producer.close()]);
        },
      };
    },
  };
}
