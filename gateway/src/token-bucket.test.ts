import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenBucket } from './token-bucket.ts';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => { now += ms; } };
}

function takeAll(bucket: { take(): boolean }, max = 10_000): number {
  let taken = 0;
  while (taken < max && bucket.take()) taken += 1;
  return taken;
}

describe('token bucket', () => {
  it('lets a burst through, then the rate', () => {
    const { clock, advance } = fakeClock();
    const bucket = createTokenBucket({ ratePerSecond: 20, burst: 50, clock });
    assert.equal(takeAll(bucket), 50);
    assert.equal(bucket.waitMs(), 50);
    advance(49);
    assert.equal(bucket.take(), false);
    advance(1);
    assert.equal(bucket.take(), true);
    advance(1000);
    assert.equal(takeAll(bucket), 20, 'one second refills 20');
  });

  it('never holds more than the burst, and says when it is full again', () => {
    const { clock, advance } = fakeClock();
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 5, clock });
    assert.equal(bucket.isFull(), true);
    bucket.take();
    assert.equal(bucket.isFull(), false);
    advance(3_600_000);
    assert.equal(bucket.isFull(), true);
    assert.equal(takeAll(bucket), 5);
  });

  it('gains nothing from a clock that steps back', () => {
    const { clock, advance } = fakeClock();
    const bucket = createTokenBucket({ ratePerSecond: 1, burst: 1, clock });
    assert.equal(bucket.take(), true);
    advance(-60_000);
    assert.equal(bucket.take(), false);
    advance(60_000);
    assert.equal(bucket.take(), false, 'time lost backwards is not counted twice');
    advance(1000);
    assert.equal(bucket.take(), true);
  });
});
