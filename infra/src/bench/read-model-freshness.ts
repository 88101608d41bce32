// How far behind Kafka the read models were during the load window, from the projections' own
// histogram: per applied record, the commit time of its write minus the record's Kafka timestamp.
// Read over the window as the stage table's stages are (pipeline-stages.ts). Pure.
import { summarize, type StageSummary } from './histogram-delta.ts';
import { windowHistogram, type PipelineStage, type ServiceScrapes } from './pipeline-stages.ts';

/** Unlabelled: one histogram over every projection. */
const FRESHNESS: PipelineStage = { name: 'read model freshness', service: 'projections', metric: 'csms_projection_freshness_seconds', labels: {} };

export type Freshness =
  | ({ readonly status: 'measured' } & StageSummary)
  | { readonly status: 'not exposed'; readonly metric: string };

/** Null when the projections' metrics could not be read: the stage table names them, once. */
export function readModelFreshness(before: ServiceScrapes, after: ServiceScrapes): Freshness | null {
  const window = windowHistogram(FRESHNESS, before, after);
  if (window === null) return null;
  // prom-client lists an unlabelled histogram from its creation, so no buckets means no such metric.
  if (window.buckets.length === 0) return { status: 'not exposed', metric: FRESHNESS.metric };
  return { status: 'measured', ...summarize(window) };
}
