import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latencyLog, percentile, ratio, summarize } from './latency-stats.ts';

describe('latency statistics', () => {
  it('takes the nearest-rank percentile of sorted samples', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(hundred, 50), 50);
    assert.equal(percentile(hundred, 99), 99);
    assert.equal(percentile(hundred, 100), 100);
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([1, 2], 0), 1);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it('summarizes unsorted samples numerically, not as text', () => {
    assert.deepEqual(summarize([100, 9, 20, 3]), { n: 4, p50: 9, p95: 100, p99: 100, max: 100 });
    const none = summarize([]);
    assert.equal(none.n, 0);
    assert.ok(Number.isNaN(none.p99));
  });

  it('keeps samples per name', () => {
    const log = latencyLog();
    log.add('Heartbeat', 2);
    log.add('Authorize', 5);
    log.add('Heartbeat', 1);
    assert.deepEqual(log.names(), ['Authorize', 'Heartbeat']);
    assert.deepEqual(log.samples('Heartbeat'), [2, 1]);
    assert.deepEqual(log.samples('StatusNotification'), []);
  });

  it('gives a ratio to a floor only when both figures exist', () => {
    assert.equal(ratio(50, 2), 25);
    assert.equal(ratio(50, 0), null);
    assert.equal(ratio(Number.NaN, 2), null);
  });
});
