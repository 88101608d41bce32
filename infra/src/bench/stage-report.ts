// The stage table under the bench's report: per stage, how many messages (or batches) the
// services timed in the load window, and the mean and approximate percentiles of their time.
import type { StageTimings } from './pipeline-stages.ts';

const WIDTHS = [32, 12, 8, 9, 9, 9];
const HEADER = ['where the time goes, ms', 'service', 'n', 'mean', '~p50', '~p99'];

const ms = (v: number | null): string => (v === null ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const cells = (values: readonly string[]): string =>
  values.map((v, i) => (i < 2 ? v.padEnd(WIDTHS[i]!) : v.padStart(WIDTHS[i]!))).join(' ').trimEnd();

export function formatStageTimings(timings: StageTimings): string {
  const lines = [
    cells(HEADER),
    ...timings.stages.map((s) => cells([s.stage, s.service, String(s.count), ms(s.meanMs), ms(s.p50Ms), ms(s.p99Ms)])),
    ...timings.unreachable.map((u) => `${u.service} metrics unreachable at ${u.url} (${u.reason}): its stages are left out`),
  ];
  return `${lines.join('\n')}\n`;
}
