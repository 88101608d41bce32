// Prometheus metrics of the projections service, in their own registry so that tests can read them.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { STAGE_SECONDS_BUCKETS } from '@csms/infra';

export interface ProjectionMetrics {
  readonly registry: Registry;
  readonly applied: Counter<'projection'>;
  readonly deadLettered: Counter<'projection' | 'reason'>;
  readonly stageSeconds: Histogram<'projection' | 'stage'>;
}

/** What one committed batch did, as the live consumer reports it. */
export interface BatchOutcome {
  readonly applied: number;
  readonly deadLettered: readonly string[];
  /** The batch's PostgreSQL transaction. */
  readonly seconds: number;
}

export function createProjectionMetrics(options: { defaultMetrics: boolean }): ProjectionMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    applied: new Counter({
      name: 'csms_projection_records_applied_total', help: 'Records folded into the read models', labelNames: ['projection'], registers,
    }),
    deadLettered: new Counter({
      name: 'csms_projection_dead_letters_total', help: 'Records a projection set aside as dead letters, by reason',
      labelNames: ['projection', 'reason'], registers,
    }),
    // The projections' one stage, write_batch: a batch's PostgreSQL transaction, BEGIN to COMMIT
    // (lock, rows, offset, commit), in `csms_projection_stage_seconds{projection, stage}` (infra's
    // stage-timing.ts says why one family; the projection label finds the slow read model). Per
    // record is this sum over csms_projection_records_applied_total, not a series of its own.
    stageSeconds: new Histogram({
      name: 'csms_projection_stage_seconds', help: 'Time a message spends in each of the projections\' stages',
      labelNames: ['projection', 'stage'], buckets: [...STAGE_SECONDS_BUCKETS], registers,
    }),
  };
}

/** The observers of one projection, bound once: a batch's observations allocate nothing more. */
export function batchObserver(metrics: ProjectionMetrics, projection: string): (outcome: BatchOutcome) => void {
  const applied = metrics.applied.labels(projection);
  const batch = metrics.stageSeconds.labels(projection, 'write_batch');
  return (outcome) => {
    applied.inc(outcome.applied);
    for (const reason of outcome.deadLettered) metrics.deadLettered.inc({ projection, reason });
    batch.observe(outcome.seconds);
  };
}
