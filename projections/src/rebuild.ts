// Rebuilds read models from Kafka: `npm run rebuild-projection -- <name>|all [--parallel <n>]`.
// The projections named are rebuilt in up to n groups side by side (default 4); each group into
// shadow tables swapped in when done, its topics read once (see runtime/rebuild-projections.ts).
// The projections service may keep running: it leaves the projections being rebuilt alone, then
// continues from the offsets the rebuild stored. Readers see a group's old rows until the swap.
import { parseArgs } from 'node:util';
import { createSerde } from '@csms/contracts';
import {
  connectReplaceableProducer, createKafka, createLogger, createPool, envReader, ensureTopics, migrate, readPlatformConfig,
} from '@csms/infra';
import type { Projection } from './projection.ts';
import { deadLetterWriter } from './runtime/dead-letter-writer.ts';
import { rebuildInGroups } from './runtime/rebuild-groups.ts';
import { findProjection, projectionNames, projections } from './runtime/registry.ts';

function usage(): never {
  console.error(`usage: npm run rebuild-projection -- <${projectionNames().join('|')}|all> [--parallel <1-16>]`);
  process.exit(2);
}

function selected(argument: string | undefined): readonly Projection[] {
  if (argument === 'all') return projections;
  const projection = argument === undefined ? undefined : findProjection(argument);
  return projection === undefined ? usage() : [projection];
}

const { positionals, values } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { parallel: { type: 'string', default: '4' } } });
  } catch {
    return usage();
  }
})();
const parallel = Number(values.parallel);
if (!Number.isInteger(parallel) || parallel < 1 || parallel > 16 || positionals.length !== 1) usage();
const targets = selected(positionals[0]);
const logger = createLogger('rebuild-projection');
const env = envReader();
const config = readPlatformConfig(env);
env.done();

await migrate(config.databaseUrl);
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'csms-rebuild-projection', logger });
await ensureTopics(kafka, config.topicPrefix);
const serde = await createSerde({ registryUrl: config.registryUrl, topicPrefix: config.topicPrefix });
const pool = createPool(config.databaseUrl, Math.min(parallel, targets.length) + 1, logger);
const producer = await connectReplaceableProducer(kafka, logger);
const deadLetters = deadLetterWriter(producer, serde, config.topicPrefix);
let exitCode = 0;
const started = performance.now();
const groups = await rebuildInGroups({
  kafka, pool, serde, topicPrefix: config.topicPrefix, projections: targets, parallel, logger, stallTimeoutMs: 120_000,
  groupIdPrefix: `${config.topicPrefix}csms-projection-rebuild-${Date.now()}`, deadLetters, maxAttempts: 3,
});
for (const { projections: names, outcome } of groups) {
  if (outcome.status === 'fulfilled') {
    for (const [name, count] of outcome.value.applied) console.log(`${name}: applied ${count} records`);
    continue;
  }
  logger.error({ err: outcome.reason, projections: names }, 'rebuild failed; these projections keep their old rows');
  exitCode = 1;
}
console.log(`rebuilt ${targets.length} projection(s) in ${((performance.now() - started) / 1000).toFixed(1)} s${exitCode === 0 ? '' : ', some failed'}`);
await producer.disconnect();
await pool.end();
// Exit explicitly: the schema registry client may keep idle sockets open.
process.exit(exitCode);
