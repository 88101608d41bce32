// What a rebuild benchmark prints and keeps as JSON: how fast the events went in, how long the
// operator's rebuild of every projection (`npm run rebuild-projection -- all`, run as it is) took
// over them against the target of 10 million events in ten minutes, the records it set aside, and
// whether the read models hold what the plan made. The command prints each projection's records
// applied as it ends; it reports no time per projection, so neither does this.
import type { PlannedTopic } from './planned-record.ts';
import type { TableCheck } from './read-model-check.ts';

export const TARGET = { events: 10_000_000, seconds: 600 } as const;

export interface WriteResult {
  readonly events: number;
  readonly seconds: number;
  readonly byTopic: Readonly<Record<PlannedTopic, number>>;
}

/** The rebuild command's run; one that exits other than 0 fails the bench, so it has no report. */
export interface RebuildResult {
  /** From starting the command to its exit: what an operator waits, node's start-up included. */
  readonly seconds: number;
  /** Records it wrote to the run's dead-letter topic. */
  readonly deadLetters: number;
}

export interface RebuildBenchReport {
  readonly startedAt: string;
  readonly settings: { readonly events: number; readonly stations: number; readonly topicPrefix: string; readonly database: string; readonly lanes: number };
  readonly write: WriteResult;
  readonly rebuild: RebuildResult;
  readonly readModels: readonly TableCheck[];
}

const perSecond = (n: number, seconds: number): number | null => (seconds > 0 ? n / seconds : null);

/** The events written over the rebuild's time, the target's measure, and at that rate the target's 10 million (linear: a larger database may be slower). */
function rebuildRate(report: Pick<RebuildBenchReport, 'write' | 'rebuild'>): { eventsPerSecond: number | null; secondsForTarget: number | null } {
  const eventsPerSecond = perSecond(report.write.events, report.rebuild.seconds);
  return { eventsPerSecond, secondsForTarget: eventsPerSecond === null ? null : TARGET.events / eventsPerSecond };
}

export function reportJson(report: RebuildBenchReport): object {
  return {
    ...report,
    write: { ...report.write, eventsPerSecond: perSecond(report.write.events, report.write.seconds) },
    rebuild: { ...report.rebuild, ...rebuildRate(report) },
    target: TARGET,
  };
}

/**
 * What makes a run's figures suspect: a record the rebuild set aside, or a read model short of
 * what the plan made, means it did not fold what a live fleet's records would have made it fold.
 */
export function problemsOf(report: Pick<RebuildBenchReport, 'rebuild' | 'readModels'>): string[] {
  return [
    ...(report.rebuild.deadLetters > 0 ? [`the rebuild set ${report.rebuild.deadLetters} records aside as dead letters`] : []),
    ...report.readModels.filter((check) => check.found !== check.expected).map((check) => `${check.table} holds ${check.found} rows, not ${check.expected}`),
  ];
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const rate = (n: number | null): string => (n === null ? '-' : count(n));

export function formatWrite(write: WriteResult): string {
  const topics = Object.entries(write.byTopic).map(([topic, n]) => `${topic} ${count(n)}`).join(', ');
  return `wrote ${count(write.events)} events in ${write.seconds.toFixed(1)} s: ${rate(perSecond(write.events, write.seconds))} events/s (${topics})\n`;
}

export function formatReport(report: RebuildBenchReport): string {
  const { eventsPerSecond, secondsForTarget } = rebuildRate(report);
  const lines = [
    formatWrite(report.write).trimEnd(),
    `rebuild: ${count(report.write.events)} events in ${report.rebuild.seconds.toFixed(1)} s, ${rate(eventsPerSecond)} events/s`
      + ` (target: ${count(TARGET.events)} in ≤ ${TARGET.seconds} s; at this rate ${secondsForTarget === null ? '-' : secondsForTarget.toFixed(0)} s);`
      + ` ${count(report.rebuild.deadLetters)} dead letters`,
    `read models: ${report.readModels.map((check) => `${check.table} ${count(check.found)} of ${count(check.expected)}`).join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
