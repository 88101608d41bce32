// `npm run bench -- --stations 200 --rate 1 --seconds 30`: an open-loop benchmark, not a test.
// Stations offer calls at a fixed rate against a running CSMS whatever its replies do, and the
// same load is then run against two floors, a bare WebSocket echo server and a bare Kafka round
// trip, so that the system's latency reads as a multiple of what the sockets and Kafka alone cost.
// With --floor-only it runs the floors alone, no CSMS needed (--kafka-client picks the Kafka
// client of the round trip, to compare clients). The flags are in bench-options.ts; the parts in
// ../src/bench/.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type WebSocket from 'ws';
import { createKafka } from '../src/kafka.ts';
import { createLogger } from '../src/logger.ts';
import { basicAuthorization, stationTlsFromFiles } from '../src/simulator/index.ts';
import { benchPlan, type BenchMix, type BenchPlan } from '../src/bench/bench-plan.ts';
import { runBootStorm } from '../src/bench/boot-storm.ts';
import { startEchoFloor } from '../src/bench/echo-floor.ts';
import { floorErrorLog, floorErrorText } from '../src/bench/floor-errors.ts';
import { floorPlan } from '../src/bench/floor-plan.ts';
import { runIdle } from '../src/bench/idle.ts';
import { kafkaAnswers, runKafkaFloor } from '../src/bench/kafka-floor.ts';
import { kafkaFloorClient } from '../src/bench/kafka-floor-clients.ts';
import { formatProfiles, type ProfileSummary } from '../src/bench/cpu-profile.ts';
import { openFileLimit, openFilesProblem } from '../src/bench/open-files.ts';
import { gaugeFrom } from '../src/bench/prometheus-text.ts';
import { readModelFreshness, type Freshness } from '../src/bench/read-model-freshness.ts';
import { collectProfiles } from '../src/bench/service-profiles.ts';
import { sourceAddressOf } from '../src/bench/source-addresses.ts';
import { formatFloorsReport, formatReport, reportJson, type BenchSettings, type FloorOutcome, type Floors, type LatencyRun, type RunResult } from '../src/bench/report.ts';
import { scrapeMetrics, scrapeServices, stageTimings, type Scrape, type ServiceScrapes, type StageTimings } from '../src/bench/pipeline-stages.ts';
import { runStationLoad, type WindowHooks } from '../src/bench/station-load.ts';
import { formatFreshness, formatStageTimings } from '../src/bench/stage-report.ts';
import { optionsOrExit } from './cli-flags.ts';
import { benchOptions, type BenchOptions } from './bench-options.ts';
import { repoRoot } from './services.ts';

/** A reply slower than this counts as a timeout; the station then moves on to its next call. */
const CALL_TIMEOUT_MS = 10_000;
/** The floors are steady long before the system is; a shorter run of them is enough (beside a system run). */
const FLOOR_SECONDS = 10;
/** How long the bench waits for the services to be stopped and write their profiles. */
const PROFILE_WAIT_MS = 10 * 60_000;
/** A service's /metrics answers in milliseconds; one that takes longer is reported unreachable. */
const SCRAPE_TIMEOUT_MS = 2_000;

function startUp(): BenchOptions {
  const options = optionsOrExit(() => benchOptions(process.argv.slice(2), process.env));
  const problem = openFilesProblem({ stations: options.stations, echoFloor: floorPlan(options).echo.runs }, openFileLimit());
  if (problem !== null) {
    console.error(problem);
    process.exit(2);
  }
  return options;
}

interface Target {
  readonly url: string;
  readonly seconds: number;
  readonly socket: (stationId: string, index: number) => WebSocket.ClientOptions;
  readonly window?: WindowHooks;
}

/** A mix with latencies against one OCPP-J endpoint: the gateway, or the echo floor. */
async function runLatencyMix(mix: Exclude<BenchMix, 'idle'>, options: BenchOptions, plan: BenchPlan, stationIds: string[], target: Target): Promise<LatencyRun> {
  const common = { ...target, stationIds, plan, timeoutMs: CALL_TIMEOUT_MS };
  if (mix === 'boot-storm') {
    // A boot storm's window is the whole run: the connections are what it measures.
    await target.window?.opening();
    const result = await runBootStorm(common);
    await target.window?.closed();
    return { kind: 'storm', result };
  }
  return { kind: 'load', result: await runStationLoad({ ...common, mix, ratePerStation: options.rate }) };
}

/** --floor-only gives the floors the whole --seconds: they are what the run measures. */
const floorSeconds = (options: BenchOptions): number => (options.floorOnly ? options.seconds : Math.min(options.seconds, FLOOR_SECONDS));
/** The gateway's resident memory, from prom-client's default process metrics on its /metrics. */
const residentMemoryOf = (gateway: Scrape): number | null => (gateway.ok ? gaugeFrom(gateway.text, 'process_resident_memory_bytes') : null);

/** The system's run: its window is the stage scrapes', which the idle mix reads the gateway's memory from too. */
async function runSystem(options: BenchOptions, plan: BenchPlan, stationIds: string[], target: Omit<Target, 'window'> & { readonly window: StageScrapes }): Promise<RunResult> {
  if (options.mix !== 'idle') return runLatencyMix(options.mix, options, plan, stationIds, target);
  const memoryAt = async (scrapes: Promise<ServiceScrapes>): Promise<number | null> => residentMemoryOf((await scrapes).gateway);
  const result = await runIdle({
    ...target, stationIds, plan, timeoutMs: CALL_TIMEOUT_MS, connectRate: options.connectRate,
    // Before the window, so a scrape of its own.
    residentMemoryBefore: async () => residentMemoryOf(await scrapeMetrics(options.metrics.gateway, SCRAPE_TIMEOUT_MS)),
    window: { opening: () => memoryAt(target.window.opening()), closed: () => memoryAt(target.window.closed()) },
  });
  return { kind: 'idle', result };
}

async function echoFloor(options: BenchOptions, plan: BenchPlan, stationIds: string[]): Promise<FloorOutcome> {
  const floor = floorPlan(options).echo;
  if (!floor.runs) return { status: 'skipped', reason: floor.reason };
  const echo = await startEchoFloor();
  try {
    const seconds = floorSeconds(options);
    // From the same source addresses as the system's stations, so that only what answers differs.
    const run = await runLatencyMix(floor.mix, options, plan, stationIds, { url: echo.url, seconds, socket: (_id, i) => sourceOf(i) });
    return { status: 'measured', seconds, run };
  } finally {
    await echo.close();
  }
}

async function kafkaFloor(options: BenchOptions, plan: BenchPlan, stationIds: string[]): Promise<FloorOutcome> {
  const floor = floorPlan(options).kafka;
  if (!floor.runs) return { status: 'skipped', reason: floor.reason };
  // The services' default, so the floor measures the Kafka they use.
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  // Silent: an unreachable broker is reported once, as a skipped floor, not as kafkajs's retry log.
  const logger = createLogger('bench', 'silent');
  const probe = createKafka({ brokers, clientId: 'csms-bench-probe', logger, extra: { connectionTimeout: 2000, retry: { retries: 1, initialRetryTime: 200 } } });
  if (!(await kafkaAnswers(probe))) return { status: 'skipped', reason: `Kafka unreachable at ${brokers.join(',')} (KAFKA_BROKERS)` };
  const seconds = floorSeconds(options);
  const errors = floorErrorLog((line) => console.error(line));
  try {
    const client = await kafkaFloorClient(options.kafkaClient, { brokers, clientId: 'csms-bench-floor' }, logger);
    const result = await runKafkaFloor({
      kafka: createKafka({ brokers, clientId: 'csms-bench-floor-admin', logger }), client,
      stationIds, plan, mix: floor.mix, ratePerStation: options.rate, seconds, timeoutMs: CALL_TIMEOUT_MS, onError: errors.report,
    });
    return { status: 'measured', seconds, run: { kind: 'load', result } };
  } catch (error) {
    // The system's figures are already measured; a floor that breaks must not lose them.
    return { status: 'skipped', reason: `failed: ${floorErrorText(error)}` };
  } finally {
    errors.close();
  }
}

/** The progress line before the floors, naming only those that will run (a boot storm's is the echo floor alone). */
function floorsLine(options: BenchOptions): string | null {
  const { echo, kafka } = floorPlan(options);
  const names = [...(echo.runs ? ['echo'] : []), ...(kafka.runs ? [`Kafka (through ${options.kafkaClient})`] : [])];
  if (names.length === 0) return null;
  return `floors: ${names.join(' and ')}, ${floorSeconds(options)} s${names.length > 1 ? ' each' : ''}…`;
}

async function floors(options: BenchOptions, plan: BenchPlan, stationIds: string[]): Promise<Floors> {
  const line = floorsLine(options);
  if (line !== null) console.log(line);
  return { echo: await echoFloor(options, plan, stationIds), kafka: await kafkaFloor(options, plan, stationIds) };
}

/** The monotonic clock in µs, the clock V8 stamps its profile samples with (cpu-profile.ts). */
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

async function profilesOf(options: BenchOptions, since: number, window: { startUs: number; endUs: number }): Promise<Record<string, ProfileSummary> | undefined> {
  if (options.profile === undefined) return undefined;
  const dir = resolve(repoRoot, options.profile);
  console.log(`profiles: stop the services (Ctrl-C on npm start) so that they write their CPU profiles to ${dir}; waiting…`);
  return collectProfiles({ dir, since, window, repoRoot, timeoutMs: PROFILE_WAIT_MS });
}

const options = startUp();
const startedAt = new Date();
const plan = benchPlan(options.protocol, Date.now().toString(36));
const stationIds = Array.from({ length: options.stations }, (_, i) => `${options.prefix}-${i}`);
const tls = stationTlsFromFiles({ cert: options.cert, key: options.key, ca: options.ca });
// IPv4 even for localhost, which may resolve to ::1 first: the bound address is IPv4.
function sourceOf(index: number): WebSocket.ClientOptions {
  return options.sourceAddresses === null ? {} : { localAddress: sourceAddressOf(index, options.sourceAddresses), family: 4 };
}
const socket = (id: string, index: number): WebSocket.ClientOptions => ({
  headers: options.password === undefined ? {} : { authorization: basicAuthorization(id, options.password) }, ...tls, ...sourceOf(index),
});

/**
 * Each service's /metrics right before and right after the load window (the stage table's
 * figures), and the window's monotonic bounds (the CPU profiles'): in the steady mixes both leave connecting and
 * booting out.
 */
interface StageScrapes extends WindowHooks<ServiceScrapes> {
  timings(): StageTimings;
  freshness(): Freshness | null;
}

function stageScrapes(options: BenchOptions, window: { startUs: number; endUs: number }): StageScrapes {
  const missing: ServiceScrapes = { gateway: { ok: false, reason: 'not scraped' }, processors: { ok: false, reason: 'not scraped' }, projections: { ok: false, reason: 'not scraped' } };
  let before = missing;
  let after = missing;
  return {
    opening: async () => { before = await scrapeServices(options.metrics, SCRAPE_TIMEOUT_MS); window.startUs = monotonicUs(); return before; },
    closed: async () => { window.endUs = monotonicUs(); after = await scrapeServices(options.metrics, SCRAPE_TIMEOUT_MS); return after; },
    timings: () => stageTimings(options.metrics, before, after),
    freshness: () => readModelFreshness(before, after),
  };
}

const settings: BenchSettings = {
  stations: options.stations, ratePerStation: options.rate, mix: options.mix, protocol: options.protocol, seconds: options.seconds,
  url: options.url, kafkaClient: options.kafkaClient, connectRate: options.connectRate, sourceAddresses: options.sourceAddresses,
};

async function writeJson(document: object): Promise<void> {
  const path = resolve(repoRoot, options.json);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`report: ${path}`);
}

/** The system, then the floors, the stage table, the read models' freshness and the profiles. */
async function wholeRun(): Promise<void> {
  console.log(`bench: ${options.mix} mix of ${options.stations} OCPP ${options.protocol} stations against ${options.url} for ${options.seconds} s…`);
  const window = { startUs: 0, endUs: 0 };
  const scrapes = stageScrapes(options, window);
  const system = await runSystem(options, plan, stationIds, { url: options.url, seconds: options.seconds, socket, window: scrapes }).catch((error: unknown) => {
    // Nothing to measure: one line, not a table of zeros (is `npm start` running?).
    console.error(`bench: ${(error as Error).message}`);
    process.exit(1);
  });
  const stages = scrapes.timings();
  const freshness = scrapes.freshness();
  const report = { startedAt: startedAt.toISOString(), system, floors: await floors(options, plan, stationIds), settings };
  process.stdout.write(formatReport(report));
  process.stdout.write(`\n${formatStageTimings(stages)}`);
  process.stdout.write(formatFreshness(freshness));
  const profiles = await profilesOf(options, startedAt.getTime(), window);
  if (profiles !== undefined) process.stdout.write(formatProfiles(profiles));
  await writeJson({ ...reportJson(report), stages, freshness, ...(profiles === undefined ? {} : { profiles }) });
}

/** --floor-only: the echo and Kafka floors alone, with no CSMS to connect to. */
async function floorsOnly(): Promise<void> {
  const report = { startedAt: startedAt.toISOString(), settings, floors: await floors(options, plan, stationIds) };
  process.stdout.write(formatFloorsReport(report));
  await writeJson(report);
}

await (options.floorOnly ? floorsOnly() : wholeRun());
