// Failed station authentications per key (auth/lockout.ts keys them by address and identity,
// and by address alone): past `maxFailures` within `windowMs` the key is locked out for
// `lockoutMs` and answered 429 before anything is checked, so a guesser can neither try
// passwords quickly nor make the gateway run scrypt for it. A check in flight counts as a
// failure until it settles: attempts that arrive together cannot all get past the bound
// before the first of them fails, so at most `maxFailures` checks are pending or failed
// within the window. Pure over the time given; bounded in memory.
interface FailureLimiterOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockoutMs: number;
  /** Keys tracked at most; past it the oldest entries go first. */
  readonly maxTracked: number;
}

/** A check under way: ending it releases its place, counting a failure if it failed. */
export interface CheckInFlight {
  end(now: number, failed: boolean): void;
}

interface FailureLimiter {
  /** How long the key must still wait, in ms; 0 when it may try now. */
  lockedFor(key: string, now: number): number;
  /** Starts a check for the key; null (nothing started) while it is locked out or its pending and failed checks reach the bound. */
  begin(key: string, now: number): CheckInFlight | null;
  recordFailure(key: string, now: number): void;
}

interface Entry {
  /** Times of the failures within the window, oldest first. */
  failures: number[];
  /** Checks begun and not yet ended. */
  pending: number;
  lockedUntil: number;
}

export function createFailureLimiter(options: FailureLimiterOptions): FailureLimiter {
  const entries = new Map<string, Entry>();
  const current = (key: string, now: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    entry.failures = entry.failures.filter((at) => now - at < options.windowMs);
    if (entry.failures.length === 0 && entry.pending === 0 && entry.lockedUntil <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const entryOf = (key: string, now: number): Entry => {
    const existing = current(key, now);
    if (existing !== undefined) return existing;
    for (const oldest of entries.keys()) {
      if (entries.size < options.maxTracked) break;
      entries.delete(oldest);
    }
    const entry: Entry = { failures: [], pending: 0, lockedUntil: 0 };
    entries.set(key, entry);
    return entry;
  };
  const recordFailure = (key: string, now: number): void => {
    const entry = entryOf(key, now);
    entry.failures.push(now);
    if (entry.failures.length >= options.maxFailures) {
      entry.lockedUntil = now + options.lockoutMs;
      entry.failures = [];
    }
  };
  return {
    lockedFor(key, now) {
      const entry = current(key, now);
      return entry === undefined ? 0 : Math.max(0, entry.lockedUntil - now);
    },
    begin(key, now) {
      const entry = entryOf(key, now);
      if (entry.lockedUntil > now || entry.failures.length + entry.pending >= options.maxFailures) return null;
      entry.pending += 1;
      let ended = false;
      return {
        end(at, failed) {
          if (ended) return;
          ended = true;
          // The entry itself, even if it was evicted meanwhile: never another check's place.
          entry.pending -= 1;
          if (failed) recordFailure(key, at);
        },
      };
    },
    recordFailure,
  };
}
