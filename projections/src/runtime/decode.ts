// Turns a Kafka message into a ProjectionRecord: UTF-8 key, Avro value via the serde, null
// value = tombstone.
import type { Serde } from '@csms/contracts';
import type { ProjectedTopic, ProjectionRecord } from '../projection.ts';

export interface RawMessage {
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

export async function decodeRecord(
  serde: Pick<Serde, 'decode'>, topic: ProjectedTopic, message: RawMessage,
): Promise<ProjectionRecord> {
  const key = message.key === null ? null : message.key.toString('utf8');
  const bytes = message.value;
  switch (topic) {
    case 'stations':
      return { topic, key, value: bytes === null ? null : await serde.decode(topic, bytes) };
    case 'sessions':
      return { topic, key, value: bytes === null ? null : await serde.decode(topic, bytes) };
    case 'idTags':
      return { topic, key, value: bytes === null ? null : await serde.decode(topic, bytes) };
    case 'chargePoints':
      return { topic, key, value: bytes === null ? null : await serde.decode(topic, bytes) };
    case 'commands':
      return { topic, key, value: bytes === null ? null : await serde.decode(topic, bytes) };
    case 'deadLetter':
      return { topic, key, value: bytes === null ? null : await serde.decode(topic, bytes) };
    case 'security':
      return { topic, key, value: bytes === null ? null : await serde.decode(topic, bytes) };
    case 'stationCredentials':
      return { topic, key, value: bytes === null ? null : await serde.decode(topic, bytes) };
    default: {
      const _exhaustive: never = topic;
      throw new Error(`not a projected topic: ${String(_exhaustive)}`);
    }
  }
}
