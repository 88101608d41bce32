import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stageTimings, type MetricsUrls, type ServiceScrapes } from './pipeline-stages.ts';
import { formatStageTimings } from './stage-report.ts';

const urls: MetricsUrls = {
  gateway: 'http://127.0.0.1:4005/metrics', processors: 'http://127.0.0.1:4002/metrics', projections: 'http://127.0.0.1:4003/metrics',
};

const decide = (count: number, sum: number, under1ms: number) => `csms_processor_stage_seconds_bucket{le="0.001",stage="decide"} ${under1ms}
csms_processor_stage_seconds_bucket{le="0.002",stage="decide"} ${count}
csms_processor_stage_seconds_bucket{le="+Inf",stage="decide"} ${count}
csms_processor_stage_seconds_sum{stage="decide"} ${sum}
csms_processor_stage_seconds_count{stage="decide"} ${count}
`;

const down = { ok: false, reason: 'ECONNREFUSED' } as const;

describe('pipeline stages over the load window', () => {
  const before: ServiceScrapes = { gateway: { ok: true, text: '' }, processors: { ok: true, text: decide(10, 0.01, 10) }, projections: down };
  const after: ServiceScrapes = { gateway: { ok: true, text: '' }, processors: { ok: true, text: decide(110, 0.16, 60) }, projections: down };
  const timings = stageTimings(urls, before, after);

  it('summarizes each stage of the services read both times, and names the others once', () => {
    const row = timings.stages.find((s) => s.stage === 'decide');
    assert.equal(row?.count, 100);
    assert.ok(Math.abs(row!.meanMs! - 1.5) < 1e-9);
    assert.ok(Math.abs(row!.p50Ms! - 1) < 1e-9);
    assert.equal(timings.stages.find((s) => s.stage === 'parse and validate')?.count, 0);
    assert.equal(timings.stages.some((s) => s.service === 'projections'), false);
    assert.deepEqual(timings.unreachable, [{ service: 'projections', url: urls.projections, reason: 'ECONNREFUSED' }]);
  });

  it('prints a row per stage and one line per unreachable service', () => {
    const lines = formatStageTimings(timings).trimEnd().split('\n');
    assert.match(lines[0]!, /^where the time goes, ms\s+service\s+n\s+mean\s+~p50\s+~p99$/);
    assert.match(lines.find((l) => l.startsWith('decide'))!, /^decide\s+processors\s+100\s+1\.50\s+1\.00\s+1\.98$/);
    assert.match(lines.find((l) => l.startsWith('socket write'))!, /^socket write\s+gateway\s+0\s+-\s+-\s+-$/);
    assert.equal(lines.at(-1), 'projections metrics unreachable at http://127.0.0.1:4003/metrics (ECONNREFUSED): its stages are left out');
  });
});
