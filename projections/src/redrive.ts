// Re-drives dead letters once a fix is deployed: `npm run redrive -- <id>... | --consumer <name> | --all`.
// A processors' (or any Kafka consumer's) dead letter is appended again to its source topic,
// marked with a `csms-redrive-of` header: processors deduplicate on business keys, so handling
// it again is safe. A projection's is applied again by that projection, in one PostgreSQL
// transaction under the projection's lock. Either way a DeadLetterRedriven closes it; one that
// fails again stays open and the command exits 1.
import { userInfo } from 'node:os';
import { createSerde, topicName, type Serde, type TopicName } from '@csms/contracts';
import {
  createKafka, createLogger, createPool, envReader, ensureTopics, inTransaction, migrate, readPlatformConfig, type Pool,
} from '@csms/infra';
import type { Producer } from 'kafkajs';
import { openDeadLetters, type StoredDeadLetter } from './dead-letters/queries.ts';
import type { ProjectedTopic } from './projection.ts';
import { decodeRecord } from './runtime/decode.ts';
import { lockProjection } from './runtime/offsets.ts';
import { findProjection } from './runtime/registry.ts';

interface Context {
  readonly pool: Pool;
  readonly producer: Producer;
  readonly serde: Serde;
  readonly topicPrefix: string;
}

const PROJECTION_PREFIX = 'projection:';

function usage(): never {
  console.error('usage: npm run redrive -- <dead-letter id>... | --consumer <processors|projection:NAME> | --all');
  process.exit(2);
}

function selection(args: readonly string[]): { ids?: string[]; consumer?: string } {
  if (args.length === 0) usage();
  if (args[0] === '--all') return {};
  if (args[0] === '--consumer') return args[1] === undefined ? usage() : { consumer: args[1] };
  return { ids: [...args] };
}

function logicalTopic(letter: StoredDeadLetter, topicPrefix: string, topics: readonly ProjectedTopic[]): ProjectedTopic {
  const topic = topics.find((t) => topicName(t as TopicName, topicPrefix) === letter.sourceTopic);
  if (topic === undefined) throw new Error(`${letter.sourceTopic} is not a topic of ${letter.consumer}`);
  return topic;
}

async function reapply(context: Context, letter: StoredDeadLetter): Promise<string> {
  const projection = findProjection(letter.consumer.slice(PROJECTION_PREFIX.length));
  if (projection === undefined) throw new Error(`no projection for ${letter.consumer}`);
  const topic = logicalTopic(letter, context.topicPrefix, projection.topics);
  const message = { offset: letter.offset, key: letter.key === null ? null : Buffer.from(letter.key), value: letter.value };
  const record = await decodeRecord(context.serde, topic, message);
  await inTransaction(context.pool, async (client) => {
    await lockProjection(client, projection.name);
    await projection.apply(client, record, { topic, partition: letter.partition, offset: Number(letter.offset) });
  });
  return 'Applied';
}

async function reappend(context: Context, letter: StoredDeadLetter): Promise<string> {
  await context.producer.send({
    topic: letter.sourceTopic, acks: -1,
    messages: [{ key: letter.key, value: letter.value, headers: { 'csms-redrive-of': letter.id } }],
  });
  return 'Reappended';
}

async function redrive(context: Context, letter: StoredDeadLetter, by: string): Promise<void> {
  if (letter.valueBytes === 0) {
    throw new Error('the dead letter holds no copy of the record (too large, or a secret); re-drive it by hand from its offset');
  }
  const outcome = letter.consumer.startsWith(PROJECTION_PREFIX) ? await reapply(context, letter) : await reappend(context, letter);
  const redriven = { type: 'DeadLetterRedriven' as const, deadLetterId: letter.id, at: Date.now(), by, outcome };
  await context.producer.send({
    topic: topicName('deadLetter', context.topicPrefix), acks: -1,
    messages: [{ key: letter.id, value: await context.serde.encode('deadLetter', redriven) }],
  });
  console.log(`${letter.id}: ${outcome}`);
}

const select = selection(process.argv.slice(2));
const logger = createLogger('redrive');
const env = envReader();
const config = readPlatformConfig(env);
env.done();

await migrate(config.databaseUrl);
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'csms-redrive', logger });
await ensureTopics(kafka, config.topicPrefix);
const serde = await createSerde({ registryUrl: config.registryUrl, topicPrefix: config.topicPrefix });
const pool = createPool(config.databaseUrl, 2);
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
const context: Context = { pool, producer, serde, topicPrefix: config.topicPrefix };
let failed = 0;
try {
  const letters = await openDeadLetters(pool, select);
  if (letters.length === 0) console.log('no open dead letter matches');
  for (const letter of letters) {
    try {
      await redrive(context, letter, `cli:${userInfo().username}`);
    } catch (error) {
      failed += 1;
      console.error(`${letter.id}: still failing: ${(error as Error).message}`);
    }
  }
} finally {
  await producer.disconnect();
  await pool.end();
}
// Exit explicitly: the schema registry client may keep idle sockets open.
process.exit(failed === 0 ? 0 : 1);
