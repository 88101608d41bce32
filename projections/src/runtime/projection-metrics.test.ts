// The projections' stage timing: the live consumer reports each batch's transaction time and the
// observer counts it, and the records it applied. Counts only, never durations (a timed assertion
// would fail on a busy machine).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchObserver, createProjectionMetrics, type ProjectionMetrics } from './projection-metrics.ts';

async function countOf(metrics: ProjectionMetrics, stage: string): Promise<{ count: number; sum: number }> {
  const values = (await metrics.stageSeconds.get()).values.filter((v) => v.labels.projection === 'id-tags' && v.labels.stage === stage);
  const of = (suffix: string) => values.find((v) => v.metricName?.endsWith(suffix))?.value ?? 0;
  return { count: of('_count'), sum: of('_sum') };
}

describe('projection stage timings', () => {
  it('observes a batch once with its transaction\'s time, and counts the records it applied and set aside', async () => {
    const metrics = createProjectionMetrics({ defaultMetrics: false });
    batchObserver(metrics, 'id-tags')({ applied: 3, deadLettered: ['DECODE_FAILED'], seconds: 0.008 });
    assert.deepEqual(await countOf(metrics, 'write_batch'), { count: 1, sum: 0.008 });
    assert.equal((await metrics.applied.get()).values.find((v) => v.labels.projection === 'id-tags')?.value, 3);
    assert.equal((await metrics.deadLettered.get()).values.find((v) => v.labels.reason === 'DECODE_FAILED')?.value, 1);
  });
});
