// What a rebuild benchmark prints and keeps as JSON: how fast the events went in, and how long the
// rebuild of every projection took, each and in all, against the target of 10 million events in
// ten minutes.
import type { PlannedTopic } from './planned-record.ts';
import type { TableCheck } from './read-model-check.ts';

export const TARGET = { events: 10_000_000, seconds: 600 } as const;

export interface WriteResult {
  readonly events: number;
  readonly seconds: number;
  readonly byTopic: Readonly<Record<PlannedTopic, number>>;
}

/** One projection's rebuild (or, should the rebuild become one replay, that replay's). */
export interface ReplayStep {
  readonly name: string;
  readonly topics: readonly string[];
  /** Records applied, counted once per projection that folded them (a projection takes every record of its topics, with a handler for it or not). */
  readonly records: number;
  readonly seconds: number;
  readonly deadLetters: number;
}

export interface RebuildBenchReport {
  readonly startedAt: string;
  readonly settings: { readonly events: number; readonly stations: number; readonly topicPrefix: string; readonly database: string; readonly lanes: number };
  readonly write: WriteResult;
  readonly rebuild: readonly ReplayStep[];
  readonly readModels: readonly TableCheck[];
}

const perSecond = (n: number, seconds: number): number | null => (seconds > 0 ? n / seconds : null);

export interface RebuildTotals {
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSecond: number | null;
  /** The events written, over the whole rebuild's time: the target's measure. */
  readonly eventsPerSecond: number | null;
  /** At that rate, the target's 10 million events (linear: a larger database may be slower). */
  readonly secondsForTarget: number | null;
  readonly deadLetters: number;
}

export function rebuildTotals(report: Pick<RebuildBenchReport, 'write' | 'rebuild'>): RebuildTotals {
  const records = report.rebuild.reduce((sum, step) => sum + step.records, 0);
  const seconds = report.rebuild.reduce((sum, step) => sum + step.seconds, 0);
  const eventsPerSecond = perSecond(report.write.events, seconds);
  return {
    records, seconds, recordsPerSecond: perSecond(records, seconds), eventsPerSecond,
    secondsForTarget: eventsPerSecond === null ? null : TARGET.events / eventsPerSecond,
    deadLetters: report.rebuild.reduce((sum, step) => sum + step.deadLetters, 0),
  };
}

export function reportJson(report: RebuildBenchReport): object {
  return {
    ...report,
    write: { ...report.write, eventsPerSecond: perSecond(report.write.events, report.write.seconds) },
    rebuild: {
      projections: report.rebuild.map((step) => ({ ...step, recordsPerSecond: perSecond(step.records, step.seconds) })),
      total: rebuildTotals(report),
    },
    target: TARGET,
  };
}

/**
 * What makes a run's figures suspect: a record the projections set aside, or a read model short of
 * what the plan made, means they did not fold what a live fleet's records would have made them fold.
 */
export function problemsOf(report: Pick<RebuildBenchReport, 'rebuild' | 'readModels'>): string[] {
  return [
    ...report.rebuild.filter((step) => step.deadLetters > 0).map((step) => `${step.name} set ${step.deadLetters} records aside as dead letters`),
    ...report.readModels.filter((check) => check.found !== check.expected).map((check) => `${check.table} holds ${check.found} rows, not ${check.expected}`),
  ];
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const rate = (n: number | null): string => (n === null ? '-' : count(n));
const row = (cells: readonly string[]): string =>
  `${cells[0]!.padEnd(22)}${cells.slice(1).map((cell) => cell.padStart(13)).join('')}`;

export function formatWrite(write: WriteResult): string {
  const topics = Object.entries(write.byTopic).map(([topic, n]) => `${topic} ${count(n)}`).join(', ');
  return `wrote ${count(write.events)} events in ${write.seconds.toFixed(1)} s: ${rate(perSecond(write.events, write.seconds))} events/s (${topics})\n`;
}

export function formatReport(report: RebuildBenchReport): string {
  const totals = rebuildTotals(report);
  const lines = [
    formatWrite(report.write).trimEnd(),
    '',
    row(['rebuild of all', 'records', 'seconds', 'records/s', 'dead letters']),
    ...report.rebuild.map((step) => row([step.name, count(step.records), step.seconds.toFixed(1), rate(perSecond(step.records, step.seconds)), count(step.deadLetters)])),
    row(['total', count(totals.records), totals.seconds.toFixed(1), rate(totals.recordsPerSecond), count(totals.deadLetters)]),
    '',
    `rebuild: ${count(report.write.events)} events in ${totals.seconds.toFixed(1)} s, ${rate(totals.eventsPerSecond)} events/s`
      + ` (target: ${count(TARGET.events)} in ≤ ${TARGET.seconds} s; at this rate ${totals.secondsForTarget === null ? '-' : totals.secondsForTarget.toFixed(0)} s)`,
    `read models: ${report.readModels.map((check) => `${check.table} ${count(check.found)} of ${count(check.expected)}`).join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
