// Where a message's time goes, stage by stage through the pipeline: one labelled histogram per
// service, `csms_<service>_stage_seconds{stage="..."}`. One family per service rather than one
// metric per stage, so a dashboard (or the bench) reads a service's whole breakdown with one
// name; the service prefix rather than a bare `csms_stage_seconds`, because the other metrics
// carry it too and a scrape read without Prometheus's job label still says where it came from.
// The stage label's values are a string-literal union per service: a bounded set of series.
import { Histogram, type Registry } from 'prom-client';

/** Fine enough below a millisecond (parsing, a decide) and wide enough for a stalled commit. */
export const STAGE_SECONDS_BUCKETS: readonly number[] = [
  0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/** One stage's series, bound once: observing allocates nothing beyond what prom-client needs. */
export interface StageObserver {
  observe(seconds: number): void;
}

export interface StageHistogramOptions<S extends string> {
  readonly name: string;
  readonly help: string;
  readonly stages: readonly S[];
  readonly registers: Registry[];
}

export function stageHistogram<S extends string>(options: StageHistogramOptions<S>): Readonly<Record<S, StageObserver>> {
  const histogram = new Histogram({
    name: options.name, help: options.help, labelNames: ['stage'], buckets: [...STAGE_SECONDS_BUCKETS], registers: options.registers,
  });
  const entries = options.stages.map((stage): [S, StageObserver] => {
    // At zero from the start, so a scrape before a stage's first message still shows the stage.
    histogram.zero({ stage });
    return [stage, histogram.labels(stage)];
  });
  return Object.fromEntries(entries) as Record<S, StageObserver>;
}

/** Seconds since `startMs`, a performance.now() reading: monotonic, and a plain number (no allocation). */
export function secondsSince(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}

/**
 * Seconds from a Kafka record's timestamp (CreateTime, stamped by the producer's clock) to
 * `nowMs` on this process's clock. An observed difference, nothing more: on one machine the
 * clocks agree, but across hosts their skew is in the figure (and a negative one is counted as 0).
 */
export function secondsSinceTimestamp(timestamp: string, nowMs: number): number {
  const waited = nowMs - Number(timestamp);
  return Number.isFinite(waited) && waited > 0 ? waited / 1000 : 0;
}
