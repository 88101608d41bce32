// Prometheus metrics of the projections service, in their own registry so that tests can read them.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DEAD_LETTER_REASONS, type DeadLetter } from '@csms/contracts';
import { STAGE_SECONDS_BUCKETS, consumerMetrics, type ConsumerMetrics } from '@csms/infra';
import type { ProjectionName } from '../projection.ts';

export interface ProjectionMetrics extends ConsumerMetrics {
  readonly registry: Registry;
  readonly applied: Counter<'projection'>;
  readonly deadLettered: Counter<'projection' | 'reason'>;
  readonly stageSeconds: Histogram<'stage'>;
  readonly freshnessSeconds: Histogram;
  /** Open letters in the dead-letters read model, by consumer (open-dead-letters.ts samples them). */
  readonly deadLettersOpen: Gauge<'consumer'>;
}

/** What one committed batch did, as the live consumer reports it. */
export interface BatchOutcome {
  readonly applied: ReadonlyMap<ProjectionName, number>;
  readonly deadLetters: readonly Pick<DeadLetter, 'consumer' | 'reason'>[];
  /** The Kafka timestamps (epoch ms) of the records some projection applied. */
  readonly appliedTimestamps: readonly number[];
  /** The batch's PostgreSQL transaction. */
  readonly seconds: number;
  /** Epoch ms when it committed. */
  readonly committedAt: number;
}

/** `projections`: the names whose dead-letter counters start at zero. */
export function createProjectionMetrics(options: { defaultMetrics: boolean; projections: readonly ProjectionName[] }): ProjectionMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const deadLettered = new Counter({
    name: 'csms_projection_dead_letters_total', help: 'Records a projection set aside as dead letters, by reason',
    labelNames: ['projection', 'reason'], registers,
  });
  // Every projection and reason from zero, so the alert's increase() sees a process's first dead letter.
  for (const projection of options.projections) {
    for (const reason of DEAD_LETTER_REASONS) deadLettered.inc({ projection, reason }, 0);
  }
  return {
    registry,
    applied: new Counter({
      name: 'csms_projection_records_applied_total', help: 'Records folded into the read models', labelNames: ['projection'], registers,
    }),
    deadLettered,
    // The projections' one stage, write_batch: a batch's PostgreSQL transaction, from taking a
    // pooled connection to COMMIT (locks, every projection's rows, offsets, dead letters sent,
    // commit), in `csms_projection_stage_seconds{stage}`
    // (infra's stage-timing.ts says why one family).
    stageSeconds: new Histogram({
      name: 'csms_projection_stage_seconds', help: 'Time a message spends in each of the projections\' stages',
      labelNames: ['stage'], buckets: [...STAGE_SECONDS_BUCKETS], registers,
    }),
    freshnessSeconds: new Histogram({
      name: 'csms_projection_freshness_seconds',
      help: 'From a record\'s Kafka timestamp (when it was appended) to the commit that put it in the read models',
      // Past the stages' 5 s: a read model falls that far behind under load, and a p99 must not stop at the top bucket.
      buckets: [...STAGE_SECONDS_BUCKETS, 10, 30, 60], registers,
    }),
    deadLettersOpen: new Gauge({
      name: 'csms_projection_dead_letters_open',
      help: 'Dead letters not yet re-driven, by the consumer that set them aside (counted in the dead-letters read model every 60 s)',
      labelNames: ['consumer'], registers,
    }),
    ...consumerMetrics('projection', 'Records of a topic not yet applied by the furthest-behind projection folding it', registers),
  };
}

const PROJECTION_PREFIX = 'projection:';

/** The observer of committed batches, bound once. */
export function batchObserver(metrics: ProjectionMetrics): (outcome: BatchOutcome) => void {
  const batch = metrics.stageSeconds.labels('write_batch');
  return (outcome) => {
    for (const [projection, count] of outcome.applied) if (count > 0) metrics.applied.inc({ projection }, count);
    for (const letter of outcome.deadLetters) {
      metrics.deadLettered.inc({ projection: letter.consumer.slice(PROJECTION_PREFIX.length), reason: letter.reason });
    }
    batch.observe(outcome.seconds);
    for (const timestamp of outcome.appliedTimestamps) {
      metrics.freshnessSeconds.observe(Math.max(0, outcome.committedAt - timestamp) / 1000);
    }
  };
}
