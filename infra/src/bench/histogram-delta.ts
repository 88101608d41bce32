// A Prometheus histogram's change over a window, and its approximate percentiles, from the bucket
// counts alone: what the bench reads from two scrapes of a service's /metrics.
// Pure: no I/O, no clock.

/** A cumulative histogram as scraped: bucket upper bounds in ascending order, +Inf last. */
export interface HistogramSnapshot {
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
  readonly count: number;
  readonly sum: number;
}

export interface StageSummary {
  readonly count: number;
  /** Milliseconds; null without observations (so for the percentiles). */
  readonly meanMs: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

export const EMPTY_HISTOGRAM: HistogramSnapshot = { buckets: [], count: 0, sum: 0 };

/**
 * What was observed between two snapshots of one histogram. A count that went down means the
 * service restarted in between: its counters started again from zero, so `after` alone is what
 * it observed since, the best there is.
 */
export function histogramDelta(before: HistogramSnapshot, after: HistogramSnapshot): HistogramSnapshot {
  if (after.count < before.count) return after;
  const earlier = new Map(before.buckets.map((b) => [b.le, b.count]));
  return {
    buckets: after.buckets.map((b) => ({ le: b.le, count: b.count - (earlier.get(b.le) ?? 0) })),
    count: after.count - before.count,
    sum: after.sum - before.sum,
  };
}

/**
 * The q-quantile in seconds as Prometheus's histogram_quantile estimates it: linear within the
 * bucket the rank falls in (from 0 for the first), the highest finite bound when it falls in
 * +Inf. Only as precise as the buckets: a p99 in the 0.5-1 s bucket may be anywhere in it.
 */
export function quantileOf(histogram: HistogramSnapshot, q: number): number | null {
  if (histogram.count <= 0) return null;
  const rank = q * histogram.count;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const { le, count } of histogram.buckets) {
    if (count >= rank && count > lowerCount) {
      if (le === Number.POSITIVE_INFINITY) return lowerBound;
      return lowerBound + ((le - lowerBound) * (rank - lowerCount)) / (count - lowerCount);
    }
    if (le !== Number.POSITIVE_INFINITY) lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}

const toMs = (seconds: number | null): number | null => (seconds === null ? null : seconds * 1000);

export function summarize(histogram: HistogramSnapshot): StageSummary {
  const { count, sum } = histogram;
  return {
    count,
    meanMs: count > 0 ? toMs(sum / count) : null,
    p50Ms: toMs(quantileOf(histogram, 0.5)),
    p99Ms: toMs(quantileOf(histogram, 0.99)),
  };
}
