// Re-drives dead letters once a fix is deployed: `npm run redrive -- <id>... | --consumer <name> | --all`.
// A projection's letter is applied again by that projection; a processors' (or any Kafka
// consumer's) is appended again to its source topic, marked with a `csms-redrive-of` header (for
// audit and analytics: the processors handle it as any other record). Each letter is locked and
// marked re-driven in the same PostgreSQL transaction as its re-apply, then closed on
// csms.dead-letter by a DeadLetterRedriven (runtime/redrive-letter.ts); one that fails again
// stays open and the command exits 1.
//
// A record set aside took no effect but its answer (InternalError, a StopTransaction's empty
// CALLRESULT, a command completed Failed), so a re-drive is its first handling. Handling one twice
// is safe only where the handler is idempotent: every projector (upserts), and in the processors
// the transaction messages, deduplicated on business keys (StartTransaction, StopTransaction);
// not in general (a BootNotification would be recorded twice), which is why each letter is
// claimed in a transaction. A re-driven record is applied after records newer than it, so its
// read model may differ from a rebuild until a later event corrects it.
import { userInfo } from 'node:os';
import { createSerde } from '@csms/contracts';
import {
  connectReplaceableProducer, createKafka, createLogger, createPool, envReader, ensureTopics, inTransaction, migrate, readPlatformConfig,
} from '@csms/infra';
import { openDeadLetters } from './dead-letters/queries.ts';
import { redriveLetter, type RedriveOptions } from './runtime/redrive-letter.ts';
import { findProjection } from './runtime/registry.ts';

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

const select = selection(process.argv.slice(2));
const logger = createLogger('redrive');
const env = envReader();
const config = readPlatformConfig(env);
env.done();

await migrate(config.databaseUrl);
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'csms-redrive', logger });
await ensureTopics(kafka, config.topicPrefix);
const serde = await createSerde({ registryUrl: config.registryUrl, topicPrefix: config.topicPrefix });
const pool = createPool(config.databaseUrl, 2, logger);
const producer = await connectReplaceableProducer(kafka, logger);
const options: RedriveOptions = {
  transaction: (work) => inTransaction(pool, work), producer, serde, topicPrefix: config.topicPrefix, findProjection,
  by: `cli:${userInfo().username}`, clock: Date.now,
};
let failed = 0;
try {
  const letters = await openDeadLetters(pool, select);
  if (letters.length === 0) console.log('no open dead letter matches');
  for (const letter of letters) {
    try {
      const result = await redriveLetter(options, letter);
      console.log(`${letter.id}: ${result === 'NotOpen' ? 'already re-driven' : result}`);
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
