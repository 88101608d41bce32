// The projections' metrics: the live consumer reports each committed batch and the observer
// counts it. Counts and given values only, never measured durations (a timed assertion would
// fail on a busy machine).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEAD_LETTER_REASONS } from '@csms/contracts';
import { batchObserver, createProjectionMetrics } from './projection-metrics.ts';

describe('projection metrics', () => {
  it('observes a batch once with its transaction\'s time, and counts per projection what it applied and set aside', async () => {
    const metrics = createProjectionMetrics({ defaultMetrics: false, projections: [] });
    batchObserver(metrics)({
      applied: new Map([['id-tags', 3], ['connections', 0]]),
      deadLetters: [{ consumer: 'projection:id-tags', reason: 'DECODE_FAILED' }],
      appliedTimestamps: [1_000, 1_200], committedAt: 1_500, seconds: 0.008,
    });
    const stage = (await metrics.stageSeconds.get()).values.filter((v) => v.labels.stage === 'write_batch');
    assert.equal(stage.find((v) => v.metricName?.endsWith('_count'))?.value, 1);
    assert.equal(stage.find((v) => v.metricName?.endsWith('_sum'))?.value, 0.008);
    assert.deepEqual((await metrics.applied.get()).values.map((v) => [v.labels.projection, v.value]), [['id-tags', 3]]);
    const letters = (await metrics.deadLettered.get()).values;
    assert.deepEqual(letters.map((v) => [v.labels.projection, v.labels.reason, v.value]), [['id-tags', 'DECODE_FAILED', 1]]);
    const freshness = (await metrics.freshnessSeconds.get()).values;
    assert.equal(freshness.find((v) => v.metricName?.endsWith('_sum'))?.value, 0.8, '0.5 s and 0.3 s');
    assert.equal(freshness.find((v) => v.metricName?.endsWith('_count'))?.value, 2);
  });

  it('scrapes every projection\'s dead-letter counter at zero for every reason before the first letter', async () => {
    const metrics = createProjectionMetrics({ defaultMetrics: false, projections: ['id-tags', 'connections'] });
    const letters = (await metrics.deadLettered.get()).values;
    assert.equal(letters.length, 2 * DEAD_LETTER_REASONS.length);
    assert.ok(letters.every((v) => v.value === 0));
    assert.deepEqual([...new Set(letters.map((v) => v.labels.projection))], ['id-tags', 'connections']);
  });
});
