// Where a message's time goes through the pipeline, read from the services' own histograms: each
// service's /metrics scraped right before and right after the load window, every stage's change
// summarized. The stages are listed in the order a processor-decided call meets them.
import { histogramDelta, summarize, type HistogramSnapshot, type StageSummary } from './histogram-delta.ts';
import { histogramFrom } from './prometheus-histogram.ts';

export type MetricsService = 'gateway' | 'processors' | 'projections';
export const METRICS_SERVICES = ['gateway', 'processors', 'projections'] as const satisfies readonly MetricsService[];

export interface PipelineStage {
  readonly name: string;
  readonly service: MetricsService;
  readonly metric: string;
  readonly labels: Readonly<Record<string, string>>;
}

const stage = (name: string, service: MetricsService, metric: string, labels: Record<string, string> = {}): PipelineStage =>
  ({ name, service, metric, labels });

export const PIPELINE_STAGES: readonly PipelineStage[] = [
  stage('parse and validate', 'gateway', 'csms_gateway_stage_seconds', { stage: 'parse_validate' }),
  stage('produce ack', 'gateway', 'csms_gateway_produce_seconds'),
  stage('fetch wait', 'processors', 'csms_processor_stage_seconds', { stage: 'fetch_wait' }),
  stage('decide', 'processors', 'csms_processor_stage_seconds', { stage: 'decide' }),
  stage('transaction, per batch', 'processors', 'csms_processor_stage_seconds', { stage: 'transaction' }),
  stage('outbound fetch', 'gateway', 'csms_gateway_stage_seconds', { stage: 'outbound_fetch' }),
  stage('socket write', 'gateway', 'csms_gateway_stage_seconds', { stage: 'socket_write' }),
  stage('projection write, per batch', 'projections', 'csms_projection_stage_seconds', { stage: 'write_batch' }),
];

/** One scrape of a service's /metrics: its text, or why there is none. */
export type Scrape = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };
export type ServiceScrapes = Readonly<Record<MetricsService, Scrape>>;

export interface StageTiming extends StageSummary {
  readonly stage: string;
  readonly service: MetricsService;
}

export interface StageTimings {
  readonly stages: readonly StageTiming[];
  /** Services whose metrics could not be read before or after the window, and why. */
  readonly unreachable: readonly { readonly service: MetricsService; readonly url: string; readonly reason: string }[];
}

export type MetricsUrls = Readonly<Record<MetricsService, string>>;

/** Pure: a stage's histogram over the window; null when its service could not be read before or after it. */
export function windowHistogram(s: PipelineStage, before: ServiceScrapes, after: ServiceScrapes): HistogramSnapshot | null {
  const [b, a] = [before[s.service], after[s.service]];
  if (!b.ok || !a.ok) return null;
  return histogramDelta(histogramFrom(b.text, s.metric, s.labels), histogramFrom(a.text, s.metric, s.labels));
}

/** Pure: the stages of the services scraped both times, each summarized over the window. */
export function stageTimings(urls: MetricsUrls, before: ServiceScrapes, after: ServiceScrapes): StageTimings {
  const unreachable = METRICS_SERVICES.flatMap((service) => {
    const failed = [before[service], after[service]].find((s): s is Extract<Scrape, { ok: false }> => !s.ok);
    return failed === undefined ? [] : [{ service, url: urls[service], reason: failed.reason }];
  });
  const stages = PIPELINE_STAGES.flatMap((s): StageTiming[] => {
    const window = windowHistogram(s, before, after);
    return window === null ? [] : [{ stage: s.name, service: s.service, ...summarize(window) }];
  });
  return { stages, unreachable };
}

/** One service's /metrics; an unreachable one is a Scrape saying why, never thrown. */
export async function scrapeMetrics(url: string, timeoutMs: number): Promise<Scrape> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
    return { ok: true, text: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause?.code;
    return { ok: false, reason: typeof cause === 'string' ? cause : (error as Error).message };
  }
}

/** Every service's /metrics at once; an unreachable one is noted, never thrown. */
export async function scrapeServices(urls: MetricsUrls, timeoutMs: number): Promise<ServiceScrapes> {
  const scrapes = await Promise.all(METRICS_SERVICES.map(async (s) => [s, await scrapeMetrics(urls[s], timeoutMs)] as const));
  return Object.fromEntries(scrapes) as Record<MetricsService, Scrape>;
}
