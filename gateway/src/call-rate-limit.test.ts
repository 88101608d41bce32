import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConnectionRateLimit } from './call-rate-limit.ts';

function fakeClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => { now += ms; } };
}

describe('connection rate limit', () => {
  const settings = { ratePerSecond: 20, burst: 50, refusalsBeforeClose: 50 };

  it('admits the burst, refuses past it, and is exhausted after the tolerated refusals', () => {
    const { clock } = fakeClock();
    const limit = createConnectionRateLimit(settings, clock);
    const results = Array.from({ length: 100 }, () => limit.admit());
    assert.equal(results.filter(Boolean).length, 50);
    assert.deepEqual(results.slice(50), Array(50).fill(false));
    assert.equal(limit.exhausted, false, '50 refusals are tolerated');
    assert.equal(limit.admit(), false);
    assert.equal(limit.exhausted, true, 'the 51st refusal is one too many');
    assert.match(limit.description, /20 calls a second \(bursts of 50\)/);
  });

  it('tolerates a station slightly over the rate for as long as it likes', () => {
    const { clock, advance } = fakeClock();
    const limit = createConnectionRateLimit(settings, clock);
    let refused = 0;
    // 25 frames a second for a minute: 5 refusals a second, refilled as fast (50 per 10 s).
    for (let i = 0; i < 25 * 60; i += 1) {
      if (!limit.admit()) refused += 1;
      advance(40);
    }
    assert.ok(refused > 0);
    assert.equal(limit.exhausted, false);
  });

  it('closes on a flood', () => {
    const { clock, advance } = fakeClock();
    const limit = createConnectionRateLimit(settings, clock);
    let frames = 0;
    while (!limit.exhausted && frames < 10_000) {
      limit.admit();
      frames += 1;
      advance(0.125); // 8,000 a second
    }
    assert.ok(limit.exhausted);
    assert.ok(frames <= 102, `closed after ${frames} frames`);
  });
});
