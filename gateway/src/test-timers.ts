// Test support: a Timers port whose time moves only when a test advances it.
import type { Timers } from './timers.ts';

interface FakeTimers extends Timers {
  /** Moves time on and runs, in order, every timer that came due. */
  advance(ms: number): void;
  readonly armed: number;
  /** The fake time, for a clock that moves with the timers. */
  readonly now: number;
}

export function createFakeTimers(start = 0): FakeTimers {
  let now = start;
  let armed: { at: number; fn: () => void }[] = [];
  return {
    after(ms, fn) {
      const entry = { at: now + ms, fn };
      armed.push(entry);
      return () => { armed = armed.filter((e) => e !== entry); };
    },
    advance(ms) {
      now += ms;
      const due = armed.filter((e) => e.at <= now).sort((a, b) => a.at - b.at);
      armed = armed.filter((e) => e.at > now);
      for (const e of due) e.fn();
    },
    get armed() {
      return armed.length;
    },
    get now() {
      return now;
    },
  };
}
