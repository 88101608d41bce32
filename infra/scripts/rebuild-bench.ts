// `npm run bench:rebuild -- --events 10000000 [--stations 10000] [--prefix p.] [--keep] [--json file]`:
// measures the target "rebuild: 10 million events in ≤ 10 minutes". Driving that many through the
// live system would take over half an hour on the development machine, so the bench writes the
// events straight to the projected topics, as the processors would have written them for a fleet
// of OCPP 1.6 stations charging (../src/rebuild-bench/), then runs the rebuild an operator runs
// (`npm run rebuild-projection -- all`) on them, into a database of its own, and times it whole;
// the command's own lines, each projection's records applied, show as it ends. It prints and keeps
// that time, the dead letters the rebuild set aside and the read models' rows against the plan,
// and exits 1 when the rebuild fails or those make the run suspect. Its topics (--prefix) and its database are the
// run's own and are removed afterwards unless --keep. It needs Kafka, the schema registry and
// PostgreSQL (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL), not the services.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createSerde, type Serde } from '@csms/contracts';
import {
  DatabaseExistsError, createDatabase, createKafka, createLogger, createPool, databaseUrlOn, dropDatabase, ensureTopics,
  envReader, migrate, readPlatformConfig,
} from '../src/index.ts';
import { BenchTopicsError, deadLetterCount, deleteBenchTopics, refuseTakenPrefix } from '../src/rebuild-bench/bench-topics.ts';
import { planSpanMs, plannedCounts } from '../src/rebuild-bench/fleet-plan.ts';
import { checkReadModels } from '../src/rebuild-bench/read-model-check.ts';
import {
  formatReport, formatWrite, problemsOf, reportJson, type RebuildBenchReport, type RebuildResult, type WriteResult,
} from '../src/rebuild-bench/rebuild-report.ts';
import { laneProducer, writeFleet } from '../src/rebuild-bench/record-writer.ts';
import { optionsOrExit } from './cli-flags.ts';
import { rebuildBenchOptions, type RebuildBenchOptions } from './rebuild-bench-options.ts';
import { rebuildAllProjections, repoRoot } from './services.ts';

/** Producers writing at once: enough to keep requests in flight while the next batches are encoded on two cores. */
const LANES = 4;
const PROGRESS_EVERY_MS = 10_000;

const options: RebuildBenchOptions = optionsOrExit(() => rebuildBenchOptions(process.argv.slice(2)));
const startedAt = new Date();
const env = envReader();
const config = readPlatformConfig(env);
env.done();
const logger = createLogger('bench-rebuild', 'warn');
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'csms-bench-rebuild', logger });
const { plan, topicPrefix } = options;
const counts = plannedCounts(plan);
const databaseUrl = databaseUrlOn(config.databaseUrl, options.database);
/** What this run made, and so may remove: never a topic or database that was there before it. */
const created = { topics: false, database: false };

async function write(serde: Serde): Promise<WriteResult> {
  // The timeline ends now, as a fleet's history would.
  const t0 = Date.now() - planSpanMs(plan);
  let written = 0;
  const started = performance.now();
  const progress = setInterval(() => console.log(`  ${written.toLocaleString('en-US')} of ${plan.events.toLocaleString('en-US')} events written…`), PROGRESS_EVERY_MS);
  try {
    await writeFleet({ createProducer: () => laneProducer(kafka), serde, topicPrefix, plan, t0, lanes: LANES, onWritten: (n) => { written += n; } });
    if (written !== plan.events) throw new Error(`wrote ${written} events of the ${plan.events} planned`);
    return { events: written, seconds: (performance.now() - started) / 1000, byTopic: counts.byTopic };
  } finally {
    clearInterval(progress);
  }
}

/**
 * The rebuild CLI as an operator runs it (and infra/e2e/system.ts), pointed at the run's topics
 * and database, its output let through; timed from start to exit, so its start-up counts too.
 */
async function rebuild(): Promise<RebuildResult> {
  const started = performance.now();
  await rebuildAllProjections({
    env: {
      ...process.env, KAFKA_BROKERS: config.kafkaBrokers.join(','), SCHEMA_REGISTRY_URL: config.registryUrl,
      DATABASE_URL: databaseUrl, CSMS_TOPIC_PREFIX: topicPrefix,
    },
  });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, deadLetters: await deadLetterCount(kafka, topicPrefix) };
}

async function run(): Promise<RebuildBenchReport> {
  await refuseTakenPrefix(kafka, topicPrefix);
  // From here on every topic of the prefix is this run's, even if making them fails halfway.
  created.topics = true;
  await ensureTopics(kafka, topicPrefix);
  await createDatabase(databaseUrl, 'refuse');
  created.database = true;
  // Before the timed rebuild, whose own migrate() then finds nothing to do, as on an operator's database.
  await migrate(databaseUrl);
  const serde = await createSerde({ registryUrl: config.registryUrl, topicPrefix });
  console.log(`writing ${plan.events.toLocaleString('en-US')} events of ${plan.stations} stations (${plan.sessions.toLocaleString('en-US')} sessions) to ${topicPrefix}*…`);
  const written = await write(serde);
  process.stdout.write(formatWrite(written));
  console.log(`rebuilding every projection into database ${options.database} (npm run rebuild-projection -- all)…`);
  const rebuilt = await rebuild();
  const pool = createPool(databaseUrl, 1, logger);
  try {
    const readModels = await checkReadModels(pool, counts);
    const settings = { events: plan.events, stations: plan.stations, topicPrefix, database: options.database, lanes: LANES };
    return { startedAt: startedAt.toISOString(), settings, write: written, rebuild: rebuilt, readModels };
  } finally {
    await pool.end();
  }
}

async function cleanUp(): Promise<void> {
  if (options.keep) {
    if (created.topics || created.database) console.log(`kept: topics ${topicPrefix}*, database ${options.database}`);
    return;
  }
  if (created.topics) await deleteBenchTopics(kafka, topicPrefix).catch((error: unknown) => console.error(`could not delete topics ${topicPrefix}*: ${(error as Error).message}`));
  if (created.database) await dropDatabase(databaseUrl).catch((error: unknown) => console.error(`could not drop database ${options.database}: ${(error as Error).message}`));
}

// Ctrl-C in a long run still removes what the run made.
process.once('SIGINT', () => {
  console.error('interrupted: removing the run\'s topics and database…');
  void cleanUp().finally(() => process.exit(130));
});

let exitCode = 0;
try {
  const report = await run();
  process.stdout.write(`\n${formatReport(report)}`);
  const path = resolve(repoRoot, options.json);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(reportJson(report), null, 2)}\n`);
  console.log(`report: ${path}`);
  const problems = problemsOf(report);
  for (const problem of problems) console.error(`suspect: ${problem}`);
  if (problems.length > 0) exitCode = 1;
} catch (error) {
  const refused = error instanceof BenchTopicsError || error instanceof DatabaseExistsError;
  console.error(`bench:rebuild: ${(error as Error).message}${error instanceof DatabaseExistsError ? ': choose another --prefix (the bench drops only a database it created)' : ''}`);
  exitCode = refused ? 2 : 1;
} finally {
  await cleanUp();
}
// Exit explicitly: the schema registry client may keep idle sockets open.
process.exit(exitCode);
