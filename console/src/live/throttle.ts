// Runs an action at most once per interval, and once more at the end of the interval when it was
// asked for meanwhile: a burst of live events costs one refetch, never one per event.

export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Throttled { request(): void; cancel(): void }

export function throttle(action: () => void, intervalMs: number, timers: Timers): Throttled {
  let lastRun = -Infinity;
  let scheduled: unknown = null;
  const run = (): void => {
    scheduled = null;
    lastRun = timers.now();
    action();
  };
  return {
    request() {
      if (scheduled !== null) return;
      const wait = lastRun + intervalMs - timers.now();
      if (wait <= 0) run();
      else scheduled = timers.setTimeout(run, wait);
    },
    cancel() {
      if (scheduled !== null) timers.clearTimeout(scheduled);
      scheduled = null;
    },
  };
}

export const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
