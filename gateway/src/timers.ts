// The timer port: the call timeouts run on it, so tests fire them by hand.
export interface Timers {
  /** Runs `fn` once after `ms`; the returned function cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/** setTimeout fires at once for a delay over 2^31 - 1 ms; a longer wait is cut to that (24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;

export const systemTimers: Timers = {
  after(ms, fn) {
    const timer = setTimeout(fn, Math.min(ms, MAX_DELAY_MS));
    return () => clearTimeout(timer);
  },
};

/** Runs `fn` every `ms` until the returned function is called. */
export type Repeat = (ms: number, fn: () => void) => () => void;

export const systemRepeat: Repeat = (ms, fn) => {
  const timer = setInterval(fn, Math.min(ms, MAX_DELAY_MS));
  return () => clearInterval(timer);
};
