import assert from 'node:assert/strict';
import { it } from 'node:test';
import { throttle, type Timers } from './throttle.ts';

function fakeTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let queue: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    setTimeout(run, ms) {
      const entry = { at: now + ms, run };
      queue.push(entry);
      return entry;
    },
    clearTimeout(handle) { queue = queue.filter((entry) => entry !== handle); },
    advance(ms) {
      now += ms;
      const due = queue.filter((entry) => entry.at <= now);
      queue = queue.filter((entry) => entry.at > now);
      for (const entry of due) entry.run();
    },
  };
}

it('runs at once, then folds a burst into one run at the end of the interval', () => {
  const timers = fakeTimers();
  let runs = 0;
  const throttled = throttle(() => { runs += 1; }, 5000, timers);
  throttled.request();
  assert.equal(runs, 1);
  timers.advance(1000);
  throttled.request();
  throttled.request();
  throttled.request();
  assert.equal(runs, 1);
  timers.advance(3999);
  assert.equal(runs, 1);
  timers.advance(1);
  assert.equal(runs, 2);
});

it('runs nothing after cancel', () => {
  const timers = fakeTimers();
  let runs = 0;
  const throttled = throttle(() => { runs += 1; }, 5000, timers);
  throttled.request();
  throttled.request();
  throttled.cancel();
  timers.advance(10_000);
  assert.equal(runs, 1);
});
