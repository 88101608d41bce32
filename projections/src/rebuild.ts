// Rebuilds read models from Kafka: `npm run rebuild-projection -- <name>|all`.
// Each projection is rebuilt in one PostgreSQL transaction (see runtime/rebuild-projections.ts).
// The projections service may keep running: its batches wait on the projection's lock and
// then continue from the offsets the rebuild stored. Readers of the read models see the old
// rows until the rebuild commits.
import { createSerde } from '@csms/contracts';
import { createKafka, createLogger, createPool, envReader, ensureTopics, migrate, readPlatformConfig } from '@csms/infra';
import type { Projection } from './projection.ts';
import { deadLetterWriter } from './runtime/dead-letter-writer.ts';
import { rebuildProjections } from './runtime/rebuild-projections.ts';
import { findProjection, projectionNames, projections } from './runtime/registry.ts';

function selected(argument: string | undefined): readonly Projection[] {
  if (argument === 'all') return projections;
  const projection = argument === undefined ? undefined : findProjection(argument);
  if (projection === undefined) {
    console.error(`usage: npm run rebuild-projection -- <${projectionNames().join('|')}|all>`);
    process.exit(2);
  }
  return [projection];
}

const targets = selected(process.argv[2]);
const logger = createLogger('rebuild-projection');
const env = envReader();
const config = readPlatformConfig(env);
env.done();

await migrate(config.databaseUrl);
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'csms-rebuild-projection', logger });
await ensureTopics(kafka, config.topicPrefix);
const serde = await createSerde({ registryUrl: config.registryUrl, topicPrefix: config.topicPrefix });
const pool = createPool(config.databaseUrl, 2, logger);
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
const deadLetters = deadLetterWriter(producer, serde, config.topicPrefix);
let exitCode = 0;
try {
  const started = performance.now();
  const { applied } = await rebuildProjections({
    kafka, pool, serde, topicPrefix: config.topicPrefix, projections: targets, logger, stallTimeoutMs: 120_000,
    groupId: `${config.topicPrefix}csms-projection-rebuild-${Date.now()}`, deadLetters, maxAttempts: 3,
  });
  for (const [name, count] of applied) console.log(`${name}: applied ${count} records`);
  console.log(`rebuilt ${applied.size} projection(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  logger.error({ err: error }, 'rebuild failed; the projections keep their old rows (the transaction rolled back)');
  exitCode = 1;
} finally {
  await producer.disconnect();
  await pool.end();
}
// Exit explicitly: the schema registry client may keep idle sockets open.
process.exit(exitCode);
