// How far behind Kafka the read models were during the load window, from the projections' own
// histogram: per applied record, the commit time of its write minus the record's Kafka timestamp.
// The scrapes either side of the window give its change, as for the stage table. Pure.
import { histogramDelta, summarize } from './histogram-delta.ts';
import type { Scrape } from './pipeline-stages.ts';
import { histogramFrom } from './prometheus-histogram.ts';

export const FRESHNESS_METRIC = 'csms_projection_freshness_seconds';

export type Freshness =
  | { readonly status: 'measured'; readonly records: number; readonly p50Ms: number | null; readonly p99Ms: number | null }
  | { readonly status: 'not reported'; readonly reason: string };

const unreachable = (scrape: Extract<Scrape, { ok: false }>): Freshness =>
  ({ status: 'not reported', reason: `projections metrics unreachable: ${scrape.reason}` });

export function readModelFreshness(before: Scrape, after: Scrape): Freshness {
  if (!before.ok) return unreachable(before);
  if (!after.ok) return unreachable(after);
  const now = histogramFrom(after.text, FRESHNESS_METRIC, {});
  // prom-client lists an unlabelled histogram from its creation, so no buckets means no such metric.
  if (now.buckets.length === 0) return { status: 'not reported', reason: `the projections expose no ${FRESHNESS_METRIC}` };
  const { count, p50Ms, p99Ms } = summarize(histogramDelta(histogramFrom(before.text, FRESHNESS_METRIC, {}), now));
  return { status: 'measured', records: count, p50Ms, p99Ms };
}

const ms = (v: number | null): string => (v === null ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1));

/** One line under the stage table; the percentiles are estimates from the buckets, hence the ~. */
export function formatFreshness(freshness: Freshness): string {
  if (freshness.status === 'not reported') return `read model fresh within: not reported (${freshness.reason})\n`;
  if (freshness.records === 0) return 'read model fresh within: - (no records applied in the window)\n';
  return `read model fresh within: ~p50 ${ms(freshness.p50Ms)} ms, ~p99 ${ms(freshness.p99Ms)} ms (${freshness.records} records applied in the window)\n`;
}
