// The stage table under the bench's report: per stage, how many messages (or batches) the
// services timed in the load window, and the mean and approximate percentiles of their time; then
// the read models' freshness over the same window.
import type { StageTimings } from './pipeline-stages.ts';
import type { Freshness } from './read-model-freshness.ts';

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

/**
 * One line under the stage table; none when the projections could not be read, which the table
 * already says. The percentiles are estimates from the buckets, hence the ~.
 */
export function formatFreshness(freshness: Freshness | null): string {
  if (freshness === null) return '';
  switch (freshness.status) {
    case 'not exposed':
      return `read model fresh within: not reported (the projections expose no ${freshness.metric})\n`;
    case 'measured':
      if (freshness.count === 0) return 'read model fresh within: - (no records applied in the window)\n';
      return `read model fresh within: ~p50 ${ms(freshness.p50Ms)} ms, ~p99 ${ms(freshness.p99Ms)} ms (${freshness.count} records applied in the window)\n`;
    default: {
      const _exhaustive: never = freshness;
      return _exhaustive;
    }
  }
}
