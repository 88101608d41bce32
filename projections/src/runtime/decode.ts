// Turns a Kafka message into a ProjectionRecord: UTF-8 key, Avro value via the serde, null
// value = tombstone.
import type { Serde } from '@csms/contracts';
import type { ProjectedTopic, ProjectionRecord } from '../projection.ts';

export interface RawMessage {
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

/** The record of topic T; for the union of every projected topic, ProjectionRecord itself. */
export type RecordOf<T extends ProjectedTopic> = Extract<ProjectionRecord, { readonly topic: T }>;

export async function decodeRecord<T extends ProjectedTopic>(
  serde: Pick<Serde, 'decode'>, topic: T, message: RawMessage,
): Promise<RecordOf<T>> {
  const key = message.key === null ? null : message.key.toString('utf8');
  const value = message.value === null ? null : await serde.decode(topic, message.value);
  // ProjectionRecord pairs each topic with its own value type, which is what serde.decode(topic)
  // returns; TypeScript cannot follow that pairing through a generic T, so it is asserted once here.
  return { topic, key, value } as RecordOf<T>;
}
