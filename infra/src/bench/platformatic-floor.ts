// The Kafka floor through @platformatic/kafka (pure TypeScript), with the services' settings as
// kafkajs-floor.ts has them (and kafkajs's defaults, platformatic-settings.ts). The gateway-like
// producer is idempotent, which in this client means acks=all and one request in flight; it
// encodes the strings it is given once, as kafkajs does. The receiver is a plain group member,
// read_committed as kafkajs's default, committing after each fetch as kafkajs commits after each
// batch; it takes the Buffers fetched and decodes only the value, for the call id, as the kafkajs
// floor does.
import { Consumer, MessagesStreamFallbackModes, MessagesStreamModes, Producer, stringSerializers, type Message } from '@platformatic/kafka';
import { groupSend } from './group-send.ts';
import type { FloorRecord, KafkaConnection, KafkaFloorClient } from './kafka-floor-client.ts';
import { startPlatformaticRelay } from './platformatic-relay.ts';
import { clientBase } from './platformatic-settings.ts';

export function platformaticFloor(connection: KafkaConnection): KafkaFloorClient {
  const base = clientBase(connection);
  return {
    name: 'platformatic',
    async open(options) {
      // The client connects on first use: the bench's boot round trip, before the window, pays for it.
      const producer = new Producer({ ...base, idempotent: true, serializers: stringSerializers });
      const sender = groupSend<FloorRecord>(async (records) => {
        await producer.send({ messages: records.map(({ key, value }) => ({ topic: options.inbound, key, value })) });
      });
      const relay = await startPlatformaticRelay(connection, options);
      const receiver = new Consumer({ ...base, groupId: options.receiverGroupId });
      const stream = await receiver.consume({ topics: [options.outbound], mode: MessagesStreamModes.COMMITTED, fallbackMode: MessagesStreamFallbackModes.EARLIEST });
      stream.on('error', options.onError);
      stream.on('data', (message: Message) => options.onReceived(String(message.value)));
      return {
        send: (record) => sender.send(record),
        async close() {
          await Promise.allSettled([receiver.close(true), relay.stop(), producer.close()]);
        },
      };
    },
  };
}
