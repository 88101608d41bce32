// Avro values in the Confluent wire format (magic byte, 4-byte schema id, Avro binary),
// with schemas registered in a Confluent-compatible schema registry under
// `<topic>-value`. The only I/O in contracts.
import {
  AvroDeserializer, AvroSerializer, SchemaRegistryClient, SerdeType, type Client,
} from '@confluentinc/schemaregistry';
import { avroOptions, branchNames, loadRecordSchemas, topicValueType } from './avro-schemas.ts';
import { topics, type TopicName, type ValueOf } from './topics.ts';

export interface Serde {
  /** Encodes a value for a topic (by its logical name, e.g. 'inbound'). */
  encode<T extends TopicName>(topic: T, value: ValueOf<T>): Promise<Buffer>;
  decode<T extends TopicName>(topic: T, bytes: Buffer): Promise<ValueOf<T>>;
}

export interface SerdeOptions {
  readonly registryUrl: string;
  /** Topic names are `${topicPrefix}${name}`; tests use a unique prefix each. */
  readonly topicPrefix?: string;
}

export function topicName(topic: TopicName, topicPrefix = ''): string {
  return topicPrefix + topics[topic].name;
}

export function valueSchemaText(topic: TopicName): string {
  const type = topicValueType(loadRecordSchemas(), topics[topic].records);
  return JSON.stringify(type.schema());
}

/** Registers every topic's value schema (idempotent: an identical schema keeps its id). */
async function registerAll(client: Client, topicPrefix: string): Promise<Map<TopicName, number>> {
  const registry = loadRecordSchemas();
  const ids = new Map<TopicName, number>();
  for (const topic of Object.keys(topics) as TopicName[]) {
    const schema = JSON.stringify(topicValueType(registry, topics[topic].records).schema());
    const id = await client.register(`${topicName(topic, topicPrefix)}-value`, { schemaType: 'AVRO', schema }, false);
    ids.set(topic, id);
  }
  return ids;
}

export async function createSerde(options: SerdeOptions): Promise<Serde> {
  const topicPrefix = options.topicPrefix ?? '';
  const client = new SchemaRegistryClient({ baseURLs: [options.registryUrl], cacheCapacity: 1000 });
  const ids = await registerAll(client, topicPrefix);
  const serializers = new Map<TopicName, AvroSerializer>();
  for (const [topic, id] of ids) {
    serializers.set(topic, new AvroSerializer(client, SerdeType.VALUE, { ...avroOptions, useSchemaId: id }));
  }
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, { ...avroOptions });
  const registry = loadRecordSchemas();
  const branches = new Map((Object.keys(topics) as TopicName[]).map((t) => [t, branchNames(registry, topics[t].records)]));
  return {
    encode(topic, value) {
      const names = branches.get(topic);
      const avroValue = names ? { [names.get((value as { type: string }).type) ?? '?']: value } : value;
      return serializers.get(topic)!.serialize(topicName(topic, topicPrefix), avroValue);
    },
    async decode(topic, bytes) {
      const value = toPlain(await deserializer.deserialize(topicName(topic, topicPrefix), bytes));
      // The registry's schema for this subject is ours, so the shape is the topic's value type.
      return (branches.get(topic) ? unwrap(value as Record<string, unknown>) : value) as ValueOf<typeof topic>;
    },
  };
}

/** `{ "io.csms.x.Name": {...} }` -> `{...}`: the record already says its type. */
function unwrap<T>(wrapped: Record<string, T>): T {
  const [branch] = Object.values(wrapped);
  if (branch === undefined) throw new Error('empty union value');
  return branch;
}

/** avsc reads records as instances of generated classes; consumers get plain data. */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, toPlain(field)]));
}
