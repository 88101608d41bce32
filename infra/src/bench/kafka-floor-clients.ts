// Which Kafka client carries the floor's round trip (--kafka-client): each made with the same
// brokers and client id, and each silent, so that the bench's output is its report.
import { createKafka } from '../kafka.ts';
import type { Logger } from '../logger.ts';
import { loadConfluent } from './confluent-module.ts';
import { confluentFloor } from './confluent-floor.ts';
import type { KafkaClientName, KafkaConnection, KafkaFloorClient } from './kafka-floor-client.ts';
import { kafkajsFloor } from './kafkajs-floor.ts';
import { platformaticFloor } from './platformatic-floor.ts';

/** Rejects with a KafkaClientMissingError when the client's package is not installed. */
export async function kafkaFloorClient(name: KafkaClientName, connection: KafkaConnection, logger: Logger): Promise<KafkaFloorClient> {
  switch (name) {
    case 'kafkajs':
      return kafkajsFloor(createKafka({ brokers: [...connection.brokers], clientId: connection.clientId, logger }));
    case 'platformatic':
      return platformaticFloor(connection);
    case 'confluent':
      return confluentFloor(await loadConfluent(), connection);
    default: {
      const _exhaustive: never = name;
      return _exhaustive;
    }
  }
}
