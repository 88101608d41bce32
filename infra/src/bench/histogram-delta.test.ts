import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_HISTOGRAM, histogramDelta, quantileOf, summarize, type HistogramSnapshot } from './histogram-delta.ts';

const Inf = Number.POSITIVE_INFINITY;
const snapshot = (counts: [number, number][], sum: number): HistogramSnapshot => ({
  buckets: counts.map(([le, count]) => ({ le, count })), count: counts.at(-1)?.[1] ?? 0, sum,
});

describe('histogram delta', () => {
  it('takes the earlier scrape away bucket by bucket', () => {
    const before = snapshot([[0.001, 5], [0.01, 8], [Inf, 10]], 0.05);
    const after = snapshot([[0.001, 15], [0.01, 48], [Inf, 50]], 0.45);
    const delta = histogramDelta(before, after);
    assert.deepEqual(delta.buckets, [{ le: 0.001, count: 10 }, { le: 0.01, count: 40 }, { le: Inf, count: 40 }]);
    assert.equal(delta.count, 40);
    assert.ok(Math.abs(delta.sum - 0.4) < 1e-12);
  });

  it('reads a series missing before the window as zero, and a restart as everything since', () => {
    const after = snapshot([[0.001, 2], [Inf, 3]], 0.01);
    assert.deepEqual(histogramDelta(EMPTY_HISTOGRAM, after), after);
    assert.deepEqual(histogramDelta(snapshot([[0.001, 9], [Inf, 9]], 1), after), after);
  });
});

describe('percentiles from buckets', () => {
  const h = snapshot([[0.001, 50], [0.002, 90], [0.005, 99], [0.01, 100], [Inf, 100]], 0.15);

  it('interpolates within the bucket the rank falls in, from 0 for the first', () => {
    assert.equal(quantileOf(h, 0.5), 0.001);
    assert.ok(Math.abs(quantileOf(h, 0.25)! - 0.0005) < 1e-12);
    assert.ok(Math.abs(quantileOf(h, 0.7)! - 0.0015) < 1e-12);
    assert.ok(Math.abs(quantileOf(h, 0.99)! - 0.005) < 1e-12);
  });

  it('skips empty buckets and answers the highest finite bound for a rank in +Inf', () => {
    const tail = snapshot([[0.001, 0], [0.002, 0], [0.005, 1], [Inf, 4]], 30);
    assert.ok(Math.abs(quantileOf(tail, 0.1)! - (0.002 + 0.003 * 0.4)) < 1e-12);
    assert.equal(quantileOf(tail, 0.99), 0.005);
  });

  it('has no percentile and no mean without observations', () => {
    assert.equal(quantileOf(EMPTY_HISTOGRAM, 0.5), null);
    assert.deepEqual(summarize(EMPTY_HISTOGRAM), { count: 0, meanMs: null, p50Ms: null, p99Ms: null });
  });

  it('summarizes in milliseconds', () => {
    const s = summarize(h);
    assert.equal(s.count, 100);
    assert.ok(Math.abs(s.meanMs! - 1.5) < 1e-9);
    assert.ok(Math.abs(s.p50Ms! - 1) < 1e-9);
  });
});
