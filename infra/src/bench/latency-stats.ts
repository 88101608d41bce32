// Exact latency percentiles over every stored sample: a run of a few hundred thousand calls fits
// in memory, and exact figures leave nothing to argue about a histogram's bucket error.

export interface LatencySummary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest rank: the smallest sample with at least p% of the samples at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  return { n: list.length, p50: percentile(list, 50), p95: percentile(list, 95), p99: percentile(list, 99), max: list.at(-1) ?? Number.NaN };
}

/** Samples kept per name (an action, a class), appended as replies come in. */
export interface LatencyLog {
  add(name: string, ms: number): void;
  names(): readonly string[];
  samples(name: string): readonly number[];
}

export function latencyLog(): LatencyLog {
  const byName = new Map<string, number[]>();
  return {
    add(name, ms) {
      const list = byName.get(name);
      if (list === undefined) byName.set(name, [ms]); else list.push(ms);
    },
    names: () => [...byName.keys()].sort(),
    samples: (name) => byName.get(name) ?? [],
  };
}

/** A system's latency as a multiple of a floor's; null when either is missing. */
export function ratio(system: number, floor: number): number | null {
  return Number.isFinite(system) && Number.isFinite(floor) && floor > 0 ? system / floor : null;
}
