// `npm run bench:rebuild -- --events 10000000 [--stations 10000] [--prefix p.] [--keep]`: measures
// the target "rebuild: 10 million events in ≤ 10 minutes". Driving that many through the live
// system would take over half an hour on the development machine, so the bench writes the events
// straight to the projected topics, as the processors would have written them for a fleet of OCPP
// 1.6 stations charging (../src/rebuild-bench/), then rebuilds every projection from them into a
// database of its own, and prints and keeps how long each took. Its topics (--prefix) and its
// database are the run's own and are removed afterwards unless --keep. It needs Kafka, the schema
// registry and PostgreSQL (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL), not the services.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createSerde, type Serde } from '@csms/contracts';
import {
  DatabaseExistsError, applyMigrations, createDatabase, createKafka, createLogger, createPool, databaseUrlOn, dropDatabase, ensureTopics,
  envReader, readPlatformConfig,
} from '../src/index.ts';
import { BenchTopicsError, deleteBenchTopics, refuseTakenPrefix } from '../src/rebuild-bench/bench-topics.ts';
import { planSpanMs, plannedCounts } from '../src/rebuild-bench/fleet-plan.ts';
import { checkReadModels } from '../src/rebuild-bench/read-model-check.ts';
import {
  formatReport, formatWrite, problemsOf, reportJson, type RebuildBenchReport, type WriteResult,
} from '../src/rebuild-bench/rebuild-report.ts';
import { laneProducer, writeFleet } from '../src/rebuild-bench/record-writer.ts';
import { rebuildBenchOptions, type RebuildBenchOptions } from './rebuild-bench-options.ts';
import { rebuildAll } from './rebuild-bench-replay.ts';
import { repoRoot } from './services.ts';

/** Producers writing at once: enough to keep requests in flight while the next batches are encoded on two cores. */
const LANES = 4;
const PROGRESS_EVERY_MS = 10_000;

function startUp(): RebuildBenchOptions {
  try {
    return rebuildBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

const options = startUp();
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

async function run(): Promise<RebuildBenchReport> {
  await refuseTakenPrefix(kafka, topicPrefix);
  // From here on every topic of the prefix is this run's, even if making them fails halfway.
  created.topics = true;
  await ensureTopics(kafka, topicPrefix);
  await createDatabase(databaseUrl, 'refuse');
  created.database = true;
  // Just made: the migrations alone, without migrate()'s second look for the database.
  await applyMigrations(databaseUrl);
  const serde = await createSerde({ registryUrl: config.registryUrl, topicPrefix });
  console.log(`writing ${plan.events.toLocaleString('en-US')} events of ${plan.stations} stations (${plan.sessions.toLocaleString('en-US')} sessions) to ${topicPrefix}*…`);
  const written = await write(serde);
  process.stdout.write(formatWrite(written));
  console.log(`rebuilding every projection into database ${options.database}…`);
  const pool = createPool(databaseUrl, 6, logger);
  try {
    const rebuild = await rebuildAll({
      kafka, pool, serde, topicPrefix, logger,
      onStep: (step) => console.log(`  ${step.name}: ${step.records.toLocaleString('en-US')} records in ${step.seconds.toFixed(1)} s`),
    });
    const readModels = await checkReadModels(pool, counts);
    const settings = { events: plan.events, stations: plan.stations, topicPrefix, database: options.database, lanes: LANES };
    return { startedAt: startedAt.toISOString(), settings, write: written, rebuild, readModels };
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
