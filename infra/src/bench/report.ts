// The benchmark's findings as a table for people and as one JSON document for tools: throughput
// and what went wrong for the system and each floor, then latency percentiles per class and per
// action with the system's p50 and p99 as multiples of each floor's; or, with --floor-only, the
// floors' figures alone.
import type { StormResult } from './boot-storm.ts';
import { CALL_CLASSES } from './call-class.ts';
import { ratio, type LatencySummary } from './latency-stats.ts';
import type { LoadResult } from './load-tally.ts';

export type RunResult =
  | { readonly kind: 'load'; readonly result: LoadResult }
  | { readonly kind: 'storm'; readonly result: StormResult };

/** A floor that ran, was not asked for, or could not run (and why). */
export type FloorOutcome =
  | { readonly status: 'measured'; readonly seconds: number; readonly run: RunResult }
  | { readonly status: 'skipped'; readonly reason: string };

export interface BenchSettings {
  readonly stations: number; readonly ratePerStation: number; readonly mix: string; readonly protocol: string;
  readonly seconds: number; readonly url: string; readonly kafkaClient: string;
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
export function headline(run: RunResult): LatencySummary {
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

const STORM_WIDTHS = [20, 9, 9, 10, 9, 9, 7, 9, 14];
const STORM_HEADER = ['', 'stations', 'accepted', 'conn. err', '429s', 'deferred', 'errors', 'timeouts', 'all accepted'];

function stormRow(name: string, r: StormResult): string {
  return cells(STORM_WIDTHS, [name, String(r.stations), String(r.accepted), String(r.connectErrors), String(r.refused429),
    String(r.deferred), String(r.errors), String(r.timeouts), r.allAcceptedSeconds === null ? 'never' : `${r.allAcceptedSeconds.toFixed(2)} s`]);
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
function systemLatencyRows(run: RunResult, floors: Floors): string[] {
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

function floorLines(name: string, floor: FloorOutcome): { throughput: string; latency: string | null } {
  if (floor.status === 'skipped') return { throughput: `${name}: skipped, ${floor.reason}`, latency: null };
  const label = `${name} (${floor.seconds} s)`;
  return {
    throughput: floor.run.kind === 'load' ? loadRow(label, floor.run.result) : stormRow(label, floor.run.result),
    latency: cells(LATENCY_WIDTHS, latencyCells(label, headline(floor.run))),
  };
}

function errorLine(run: RunResult): string[] {
  if (run.kind !== 'load' || run.result.errors === 0) return [];
  return [`CALLERRORs: ${Object.entries(run.result.errorCodes).map(([code, n]) => `${code} ${n}`).join(', ')}`];
}

/** Stations that never connected offered nothing: without this line the offered rate would hide them. */
function connectLine(name: string, run: RunResult): string[] {
  if (run.kind !== 'load' || run.result.connectErrors === 0) return [];
  const { connectErrors, stations, refused429 } = run.result;
  return [`${name}: ${connectErrors} of ${stations} stations could not connect and boot (${refused429} upgrades refused with 429), so they offered nothing`];
}

/** The report as written to --json, with the ratios the table shows. */
export function reportJson(report: BenchReport): object {
  const { system, floors } = report;
  const measured: [string, LatencySummary][] = system.kind === 'load'
    ? [['all', system.result.all], ...CALL_CLASSES.map((c): [string, LatencySummary] => [c, system.result.byClass[c]])]
    : [['timeToAccepted', system.result.timeToAccepted]];
  const ratios = Object.fromEntries(measured.map(([name, s]) => [name, { echo: ratiosTo(s, floors.echo), kafka: ratiosTo(s, floors.kafka) }]));
  return { ...report, ratios };
}

/** The stations, mix and rate a run offered. */
function offered(s: BenchSettings): string {
  const rate = s.mix === 'boot-storm' ? 'all at once' : `${s.ratePerStation} call/s each (${(s.stations * s.ratePerStation).toFixed(1)}/s offered)`;
  return `${s.stations} OCPP ${s.protocol} stations, ${s.mix} mix, ${rate}, for ${s.seconds} s`;
}

/** Which client the Kafka floor went through, when it ran: the one thing its row does not say. */
function kafkaClientLine(report: FloorsReport): string[] {
  return report.floors.kafka.status === 'measured' ? [`kafka floor through ${report.settings.kafkaClient}`] : [];
}

export function formatReport(report: BenchReport): string {
  const { settings: s, system, floors } = report;
  const echo = floorLines('echo floor', floors.echo);
  const kafka = floorLines('kafka floor', floors.kafka);
  const lines = [
    `bench: ${offered(s)} against ${s.url}`,
    ...kafkaClientLine(report),
    '',
    system.kind === 'load' ? cells(LOAD_WIDTHS, LOAD_HEADER) : cells(STORM_WIDTHS, STORM_HEADER),
    system.kind === 'load' ? loadRow('system', system.result) : stormRow('system', system.result),
    echo.throughput, kafka.throughput,
    ...errorLine(system),
    ...connectLine('system', system),
    ...(floors.echo.status === 'measured' ? connectLine('echo floor', floors.echo.run) : []),
    '',
    cells(LATENCY_WIDTHS, LATENCY_HEADER),
    ...systemLatencyRows(system, floors),
    ...[echo.latency, kafka.latency].filter((l): l is string => l !== null),
  ];
  return `${lines.join('\n')}\n`;
}

/** The floors alone, as they print in a whole run, without the ratios there is no system for. */
export function formatFloorsReport(report: FloorsReport): string {
  const { floors } = report;
  const echo = floorLines('echo floor', floors.echo);
  const kafka = floorLines('kafka floor', floors.kafka);
  // A boot storm gets the echo floor only (the Kafka floor needs a steady rate).
  const storm = floors.echo.status === 'measured' && floors.echo.run.kind === 'storm';
  const lines = [
    `bench, floors only: ${offered(report.settings)}`,
    ...kafkaClientLine(report),
    '',
    storm ? cells(STORM_WIDTHS, STORM_HEADER) : cells(LOAD_WIDTHS, LOAD_HEADER),
    echo.throughput, kafka.throughput,
    ...(floors.echo.status === 'measured' ? connectLine('echo floor', floors.echo.run) : []),
    '',
    cells(LATENCY_WIDTHS, LATENCY_FIGURES),
    ...[echo.latency, kafka.latency].filter((l): l is string => l !== null),
  ];
  return `${lines.join('\n')}\n`;
}
