// The benchmark's findings as a table for people and as one JSON document for tools: throughput
// and what went wrong for the system and each floor, then latency percentiles per class and per
// action with the system's p50 and p99 as multiples of each floor's; or, with --floor-only, the
// floors' figures alone. An idle run has no latency, so no floors: its stations, and the gateway's
// memory while it holds them.
import { mixKind, type BenchMix, type MixKind } from './bench-plan.ts';
import type { StormResult } from './boot-storm.ts';
import { CALL_CLASSES } from './call-class.ts';
import type { IdleResult } from './idle.ts';
import { ratio, type LatencySummary } from './latency-stats.ts';
import type { LoadResult } from './load-tally.ts';

/** A run whose latencies are measured: what the floors run, and the system in every mix but idle. */
export type LatencyRun =
  | { readonly kind: 'load'; readonly result: LoadResult }
  | { readonly kind: 'storm'; readonly result: StormResult };

export type RunResult = LatencyRun | { readonly kind: 'idle'; readonly result: IdleResult };

/** A floor that ran, was not asked for, or could not run (and why). */
export type FloorOutcome =
  | { readonly status: 'measured'; readonly seconds: number; readonly run: LatencyRun }
  | { readonly status: 'skipped'; readonly reason: string };

export interface BenchSettings {
  readonly stations: number; readonly ratePerStation: number; readonly mix: BenchMix; readonly protocol: string;
  readonly seconds: number; readonly url: string; readonly kafkaClient: string;
  /** The idle mix's pace: stations that start connecting per second. */
  readonly connectRate: number;
  /** Loopback addresses the stations were dealt over; null when the target is not on loopback. */
  readonly sourceAddresses: number | null;
}

export interface Floors {
  readonly echo: FloorOutcome;
  readonly kafka: FloorOutcome;
}

/** A --floor-only run's findings, also what its --json file holds. */
export interface FloorsReport {
  readonly startedAt: string;
  readonly settings: BenchSettings;
  readonly floors: Floors;
}

export interface BenchReport extends FloorsReport {
  readonly system: RunResult;
}

export interface FloorRatios {
  readonly p50: number | null;
  readonly p99: number | null;
}

/** The latency a run's ratios are taken against: all its calls, or each station's wait for Accepted. */
export function headline(run: LatencyRun): LatencySummary {
  return run.kind === 'load' ? run.result.all : run.result.timeToAccepted;
}

export function ratiosTo(system: LatencySummary, floor: FloorOutcome): FloorRatios | null {
  if (floor.status !== 'measured') return null;
  const base = headline(floor.run);
  return { p50: ratio(system.p50, base.p50), p99: ratio(system.p99, base.p99) };
}

const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '-');
const times = (v: number | null | undefined): string => (v === null || v === undefined ? '-' : `×${v.toFixed(1)}`);
const cells = (widths: readonly number[], values: readonly string[]): string =>
  values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' ').trimEnd();

const LOAD_WIDTHS = [20, 10, 9, 8, 8, 7, 9, 6, 7, 11];
const LOAD_HEADER = ['', 'offered/s', 'served/s', 'offered', 'served', 'errors', 'timeouts', 'lost', 'behind', 'not served'];

function loadRow(name: string, r: LoadResult): string {
  return cells(LOAD_WIDTHS, [name, r.offeredPerSecond.toFixed(1), r.servedPerSecond.toFixed(1), String(r.offered), String(r.served),
    String(r.errors), String(r.timeouts), String(r.closed), String(r.fellBehind), String(r.notServed)]);
}

const STORM_WIDTHS = [20, 9, 9, 10, 9, 9, 7, 9, 14, 9];
const STORM_HEADER = ['', 'stations', 'accepted', 'conn. err', '429s', 'deferred', 'errors', 'timeouts', 'all accepted', 'boots/s'];

function stormRow(name: string, r: StormResult): string {
  return cells(STORM_WIDTHS, [name, String(r.stations), String(r.accepted), String(r.connectErrors), String(r.refused429),
    String(r.deferred), String(r.errors), String(r.timeouts), r.allAcceptedSeconds === null ? 'never' : `${r.allAcceptedSeconds.toFixed(2)} s`,
    r.bootsPerSecond === null ? '-' : r.bootsPerSecond.toFixed(1)]);
}

const IDLE_WIDTHS = [20, 9, 10, 9, 10, 9, 8, 11, 11];
const IDLE_HEADER = ['', 'stations', 'connected', 'booted', 'conn. err', '429s', 'dropped', 'heartbeats', 'connecting'];

function idleRow(name: string, r: IdleResult): string {
  return cells(IDLE_WIDTHS, [name, String(r.stations), String(r.connected), String(r.booted), String(r.connectErrors), String(r.refused429),
    String(r.dropped), `${r.heartbeats.answered}/${r.heartbeats.sent}`, `${r.connectSeconds.toFixed(1)} s`]);
}

/** The throughput table's header over each kind of run's rows. */
const HEADERS: Readonly<Record<MixKind, string>> = {
  load: cells(LOAD_WIDTHS, LOAD_HEADER), storm: cells(STORM_WIDTHS, STORM_HEADER), idle: cells(IDLE_WIDTHS, IDLE_HEADER),
};

const mb = (bytes: number | null): string => (bytes === null ? '- MB' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
const kb = (v: number | null): string => (v === null ? '' : ` (${v.toFixed(1)} KB a socket)`);

/** The gateway's process_resident_memory_bytes at the three readings of an idle hold. */
function memoryLine(r: IdleResult): string {
  const m = r.memory;
  if (m.beforeBytes === null && m.connectedBytes === null && m.endBytes === null) {
    return 'gateway resident memory: not reported (its /metrics unreachable, or without process_resident_memory_bytes)';
  }
  return `gateway resident memory: ${mb(m.beforeBytes)} before connecting, ${mb(m.connectedBytes)} once all connected${kb(m.kbPerSocket)}, `
    + `${mb(m.endBytes)} at the end${kb(m.kbPerSocketAtEnd)}`;
}

const LATENCY_WIDTHS = [26, 7, 8, 8, 8, 8, 10, 10, 11, 11];
const LATENCY_FIGURES = ['latency from due, ms', 'n', 'p50', 'p95', 'p99', 'max'];
const LATENCY_HEADER = [...LATENCY_FIGURES, '/echo p50', '/echo p99', '/kafka p50', '/kafka p99'];

const latencyCells = (name: string, s: LatencySummary): string[] => [name, String(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];

function latencyRow(name: string, s: LatencySummary, floors?: Floors): string {
  const echo = floors === undefined ? null : ratiosTo(s, floors.echo);
  const kafka = floors === undefined ? null : ratiosTo(s, floors.kafka);
  return cells(LATENCY_WIDTHS, [...latencyCells(name, s), times(echo?.p50), times(echo?.p99), times(kafka?.p50), times(kafka?.p99)]);
}

/** The system's rows: everything, each class, and each action under its class. */
function systemLatencyRows(run: LatencyRun, floors: Floors): string[] {
  if (run.kind === 'storm') {
    return [latencyRow('system time to Accepted', run.result.timeToAccepted, floors), latencyRow('  BootNotification', run.result.boot)];
  }
  const { all, byClass, byAction } = run.result;
  const rows = [latencyRow('system, all calls', all, floors)];
  for (const c of CALL_CLASSES) {
    if (byClass[c].n === 0) continue;
    rows.push(latencyRow(`  ${c}`, byClass[c], floors));
  }
  for (const [action, s] of Object.entries(byAction)) rows.push(latencyRow(`    ${action}`, s));
  return rows;
}

function floorRow(name: string, floor: FloorOutcome): { throughput: string; latency: string | null } {
  if (floor.status === 'skipped') return { throughput: `${name}: skipped, ${floor.reason}`, latency: null };
  const label = `${name} (${floor.seconds} s)`;
  return {
    throughput: floor.run.kind === 'load' ? loadRow(label, floor.run.result) : stormRow(label, floor.run.result),
    latency: cells(LATENCY_WIDTHS, latencyCells(label, headline(floor.run))),
  };
}

/** The floors' lines, as both reports print them: a throughput row each, what went wrong, a latency row each. */
interface FloorLines {
  readonly rows: readonly string[];
  readonly notes: readonly string[];
  readonly latency: readonly string[];
}

function floorLines(floors: Floors): FloorLines {
  const echo = floorRow('echo floor', floors.echo);
  const kafka = floorRow('kafka floor', floors.kafka);
  return {
    rows: [echo.throughput, kafka.throughput],
    notes: floors.echo.status === 'measured' ? connectLine('echo floor', floors.echo.run) : [],
    latency: [echo.latency, kafka.latency].filter((l): l is string => l !== null),
  };
}

function errorLine(run: LatencyRun): string[] {
  if (run.kind !== 'load' || run.result.errors === 0) return [];
  return [`CALLERRORs: ${Object.entries(run.result.errorCodes).map(([code, n]) => `${code} ${n}`).join(', ')}`];
}

/** Stations that never connected offered nothing: without this line the offered rate would hide them. */
function connectLine(name: string, run: LatencyRun): string[] {
  if (run.kind !== 'load' || run.result.connectErrors === 0) return [];
  const { connectErrors, stations, refused429 } = run.result;
  return [`${name}: ${connectErrors} of ${stations} stations could not connect and boot (${refused429} upgrades refused with 429), so they offered nothing`];
}

function measuredLatencies(system: RunResult): [string, LatencySummary][] {
  switch (system.kind) {
    case 'load': return [['all', system.result.all], ...CALL_CLASSES.map((c): [string, LatencySummary] => [c, system.result.byClass[c]])];
    case 'storm': return [['timeToAccepted', system.result.timeToAccepted]];
    case 'idle': return [];
    default: {
      const _exhaustive: never = system;
      return _exhaustive;
    }
  }
}

/** The report as written to --json, with the ratios the table shows. */
export function reportJson(report: BenchReport): object {
  const { system, floors } = report;
  const ratios = Object.fromEntries(measuredLatencies(system).map(([name, s]) => [name, { echo: ratiosTo(s, floors.echo), kafka: ratiosTo(s, floors.kafka) }]));
  return { ...report, ratios };
}

/** The stations, mix and rate a run offered, and where from. */
function offered(s: BenchSettings): string {
  const from = s.sourceAddresses === null ? '' : ` from ${s.sourceAddresses} loopback address${s.sourceAddresses === 1 ? '' : 'es'}`;
  return `${s.stations} OCPP ${s.protocol} stations${from}, ${s.mix} mix, ${pace(s)}, for ${s.seconds} s`;
}

/** Which client the Kafka floor went through, when it ran: the one thing its row does not say. */
function kafkaClientLine(report: FloorsReport): string[] {
  return report.floors.kafka.status === 'measured' ? [`kafka floor through ${report.settings.kafkaClient}`] : [];
}

/** What the stations were told to do, for the report's first line. */
function pace(s: BenchSettings): string {
  const paces: Record<MixKind, () => string> = {
    load: () => `${s.ratePerStation} call/s each (${(s.stations * s.ratePerStation).toFixed(1)}/s offered)`,
    storm: () => 'all at once',
    idle: () => `connecting ${s.connectRate}/s, then holding`,
  };
  return paces[mixKind(s.mix)]();
}

/** The system's throughput table: its header, its row, the floors' rows and what went wrong. */
function throughputLines(system: RunResult, floor: FloorLines): string[] {
  switch (system.kind) {
    case 'load': return [HEADERS.load, loadRow('system', system.result), ...floor.rows, ...errorLine(system),
      ...connectLine('system', system), ...floor.notes];
    case 'storm': return [HEADERS.storm, stormRow('system', system.result), ...floor.rows, ...floor.notes];
    // An idle hold runs no floors (floor-plan.ts): lines saying so twice would only say what the mix is.
    case 'idle': return [HEADERS.idle, idleRow('system', system.result), memoryLine(system.result)];
    default: {
      const _exhaustive: never = system;
      return _exhaustive;
    }
  }
}

export function formatReport(report: BenchReport): string {
  const { settings: s, system, floors } = report;
  const floor = floorLines(floors);
  const lines = [
    `bench: ${offered(s)} against ${s.url}`,
    ...kafkaClientLine(report),
    '',
    ...throughputLines(system, floor),
    ...(system.kind === 'idle' ? [] : ['', cells(LATENCY_WIDTHS, LATENCY_HEADER), ...systemLatencyRows(system, floors), ...floor.latency]),
  ];
  return `${lines.join('\n')}\n`;
}

/** The floors alone, as they print in a whole run, without the ratios there is no system for. */
export function formatFloorsReport(report: FloorsReport): string {
  const { settings, floors } = report;
  const floor = floorLines(floors);
  const lines = [
    `bench, floors only: ${offered(settings)}`,
    ...kafkaClientLine(report),
    '',
    HEADERS[mixKind(settings.mix)], ...floor.rows, ...floor.notes,
    '',
    cells(LATENCY_WIDTHS, LATENCY_FIGURES),
    ...floor.latency,
  ];
  return `${lines.join('\n')}\n`;
}
