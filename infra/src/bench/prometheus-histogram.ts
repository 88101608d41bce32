// Reads one histogram out of Prometheus's text exposition format (what prom-client serves at
// /metrics): its `_bucket`, `_count` and `_sum` lines, added up over every series whose labels
// include the wanted ones (a stage over all projections, say). Pure.
import { EMPTY_HISTOGRAM, type HistogramSnapshot } from './histogram-delta.ts';
import { samplesOf } from './prometheus-text.ts';

function parseBound(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  return Number(text);
}

/** The histogram `name` summed over the series carrying `labels`; empty if there is none. */
export function histogramFrom(exposition: string, name: string, labels: Readonly<Record<string, string>>): HistogramSnapshot {
  const buckets = new Map<number, number>();
  let count = 0;
  let sum = 0;
  for (const { metric, labels: found, value } of samplesOf(exposition, name)) {
    if (!Object.entries(labels).every(([k, v]) => found.get(k) === v)) continue;
    if (metric === `${name}_bucket`) {
      const le = parseBound(found.get('le') ?? '');
      buckets.set(le, (buckets.get(le) ?? 0) + value);
    } else if (metric === `${name}_count`) count += value;
    else if (metric === `${name}_sum`) sum += value;
  }
  if (buckets.size === 0 && count === 0) return EMPTY_HISTOGRAM;
  const sorted = [...buckets.entries()].sort(([a], [b]) => a - b).map(([le, n]) => ({ le, count: n }));
  return { buckets: sorted, count, sum };
}
