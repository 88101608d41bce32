// Avro values in the Confluent wire format (magic byte 0, 4-byte big-endian schema id,
// Avro binary), with every topic's schema registered in a Confluent-compatible schema
// registry under `<topic>-value`. The registry client comes from @confluentinc/schemaregistry;
// the bytes are avsc's, with each schema id resolved once and cached: the library's
// per-message serializer cost ~200 µs a record, which capped the whole pipeline.
import avro from 'avsc';
// The client's own module: the package's index also loads its rule executors and the AWS,
// Azure and Google KMS clients, about a second of every process's start, for nothing used here.
import { SchemaRegistryClient, type Client } from '@confluentinc/schemaregistry/dist/schemaregistry-client.js';
import { avroOptions, branchNames, loadRecordSchemas, topicValueType, type AvroRegistry } from './avro-schemas.ts';
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

interface TopicCodec {
  readonly type: avro.Type;
  readonly header: Buffer;
  readonly schemaId: number;
  /** Record name by `type` value, for topics carrying several records. */
  readonly branches: Map<string, string> | null;
  /** Resolvers from other writer schemas (older or newer versions) to ours, by schema id. */
  readonly resolvers: Map<number, avro.Resolver>;
}

function wireHeader(schemaId: number): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return header;
}

/** The schema registry as the serde uses it: the I/O port (faked in unit tests). */
export interface SchemaRegistryPort {
  /** Registers a schema under a subject (idempotent) and returns its id. */
  register(subject: string, schema: string): Promise<number>;
  /** The schema text of an id registered under a subject. */
  schemaById(subject: string, id: number): Promise<string>;
}

function registryPort(client: Client): SchemaRegistryPort {
  return {
    register: (subject, schema) => client.register(subject, { schemaType: 'AVRO', schema }, false),
    schemaById: async (subject, id) => (await client.getBySubjectAndId(subject, id)).schema,
  };
}

async function registerAll(port: SchemaRegistryPort, registry: AvroRegistry, topicPrefix: string): Promise<Map<TopicName, TopicCodec>> {
  const codecs = new Map<TopicName, TopicCodec>();
  for (const topic of Object.keys(topics) as TopicName[]) {
    const type = topicValueType(registry, topics[topic].records);
    // Registering an identical schema again is idempotent and returns its existing id.
    const schemaId = await port.register(`${topicName(topic, topicPrefix)}-value`, JSON.stringify(type.schema()));
    codecs.set(topic, {
      type, schemaId, header: wireHeader(schemaId), branches: branchNames(registry, topics[topic].records), resolvers: new Map(),
    });
  }
  return codecs;
}

export async function createSerde(options: SerdeOptions): Promise<Serde> {
  const client = new SchemaRegistryClient({ baseURLs: [options.registryUrl], cacheCapacity: 1000 });
  return createSerdeOver(registryPort(client), options.topicPrefix ?? '');
}

/** The serde over any registry port: createSerde's, or an in-memory one in unit tests. */
export async function createSerdeOver(port: SchemaRegistryPort, topicPrefix: string): Promise<Serde> {
  const codecs = await registerAll(port, loadRecordSchemas(), topicPrefix);
  const codec = (topic: TopicName) => codecs.get(topic)!;

  async function resolverFor(topic: TopicName, schemaId: number): Promise<avro.Resolver> {
    const { type, resolvers } = codec(topic);
    const known = resolvers.get(schemaId);
    if (known) return known;
    const schema = await port.schemaById(`${topicName(topic, topicPrefix)}-value`, schemaId);
    const writer = avro.Type.forSchema(JSON.parse(schema) as avro.Schema, { ...avroOptions });
    const resolver = type.createResolver(writer);
    resolvers.set(schemaId, resolver);
    return resolver;
  }

  return {
    async encode(topic, value) {
      const { type, header, branches } = codec(topic);
      const avroValue = branches ? { [branches.get((value as { type: string }).type) ?? '?']: value } : value;
      type.isValid(avroValue, { errorHook: (path) => {
        throw new Error(`invalid ${topic} value at ${path.join('.') || 'its type'}: ${JSON.stringify(value)}`);
      } });
      return Buffer.concat([header, type.toBuffer(avroValue)]);
    },
    async decode(topic, bytes) {
      if (bytes.length < 5 || bytes[0] !== 0) throw new Error(`${topic}: not in the Confluent wire format`);
      const { type, schemaId, branches } = codec(topic);
      const writerId = bytes.readInt32BE(1);
      const body = bytes.subarray(5);
      const value = writerId === schemaId ? type.fromBuffer(body) : type.fromBuffer(body, await resolverFor(topic, writerId));
      const plain = toPlain(value);
      return (branches ? unwrap(plain as Record<string, unknown>) : plain) as ValueOf<typeof topic>;
    },
  };
}

/** `{ "io.csms.x.Name": {...} }` -> `{...}`: the record already says its type. */
function unwrap<T>(wrapped: Record<string, T>): T {
  const [branch] = Object.values(wrapped);
  if (branch === undefined) throw new Error('empty union value');
  return branch;
}

/**
 * avsc reads records as instances of generated classes; consumers get plain data. Copied with a
 * loop over keys: every record a consumer reads passes here, and entries and fromEntries took
 * three times as long (a sixth of a rebuild's time).
 */
function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map(toPlain);
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(value)) plain[key] = toPlain((value as Record<string, unknown>)[key]);
  return plain;
}
