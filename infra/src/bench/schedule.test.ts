import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queueBound, stationPhaseMs, stationSchedule } from './schedule.ts';

// A fake clock: every time below is an argument, so nothing waits.
const options = { startMs: 1000, intervalMs: 100, endMs: 2000, maxQueued: 2 };

describe('the open-loop schedule', () => {
  it('offers calls at their due times and nothing before the first or after the end', () => {
    const schedule = stationSchedule(options);
    assert.equal(schedule.take(999), null);
    assert.equal(schedule.nextDueMs(999), 1000);
    assert.equal(schedule.take(1000), 1000);
    schedule.settle();
    assert.equal(schedule.take(1050), null, 'the next call is not due yet');
    assert.equal(schedule.nextDueMs(1050), 1100);
    assert.equal(schedule.nextDueMs(1999), null, 'the call due at the end is not offered');
    assert.equal(schedule.tally(5000).offered, 10);
  });

  it('queues a call that falls due while one is outstanding, and keeps its due time, not its send time', () => {
    const schedule = stationSchedule(options);
    assert.equal(schedule.take(1000), 1000);
    assert.equal(schedule.take(1150), null, 'one CALL outstanding at a time');
    assert.deepEqual(schedule.tally(1150), { offered: 2, sent: 1, queued: 1, fellBehind: false });
    schedule.settle();
    assert.equal(schedule.take(1180), 1100, 'its latency runs from 1100, when it fell due');
    schedule.settle();
    assert.equal(schedule.take(1190), null);
  });

  it('counts a station whose queue outgrows the bound as fallen behind, for good', () => {
    const schedule = stationSchedule(options);
    schedule.take(1000);
    assert.equal(schedule.tally(1250).fellBehind, false, 'two waiting is within the bound');
    assert.equal(schedule.tally(1300).fellBehind, true, 'three waiting is not');
    schedule.settle();
    for (let now = 1300; schedule.take(now) !== null; now += 1) schedule.settle();
    assert.deepEqual(schedule.tally(1310), { offered: 4, sent: 4, queued: 0, fellBehind: true });
  });

  it('sees a peak of the queue at the next send even when nobody asked in between', () => {
    const schedule = stationSchedule(options);
    schedule.take(1000);
    schedule.settle();
    schedule.take(1400);
    assert.equal(schedule.tally(1400).fellBehind, true);
  });

  it('leaves calls still queued at the end as not served', () => {
    const schedule = stationSchedule(options);
    schedule.take(1000);
    assert.deepEqual(schedule.tally(3000), { offered: 10, sent: 1, queued: 9, fellBehind: true });
  });

  it('takes a fractional rate: one call every 2.5 s', () => {
    const schedule = stationSchedule({ startMs: 0, intervalMs: 2500, endMs: 10_000, maxQueued: 2 });
    assert.equal(schedule.tally(10_000).offered, 4);
  });

  it('offers k calls in a window of k intervals even when float sums put its end a hair beyond', () => {
    const startMs = 514_829.979332488;
    const schedule = stationSchedule({ startMs, intervalMs: 200, endMs: startMs + 10 * 1000, maxQueued: 2 });
    assert.equal(schedule.tally(startMs + 20_000).offered, 50);
  });

  it('refuses an interval that is not positive', () => {
    assert.throws(() => stationSchedule({ ...options, intervalMs: 0 }), RangeError);
  });

  it('spreads stations over one interval and bounds the queue by a second of calls', () => {
    assert.deepEqual([0, 1, 2, 3].map((i) => stationPhaseMs(i, 4, 1000)), [0, 250, 500, 750]);
    assert.equal(queueBound(0.5), 2);
    assert.equal(queueBound(10), 10);
  });
});
