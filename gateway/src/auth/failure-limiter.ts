// Failed station authentications per client address: past `maxFailures` within `windowMs`,
// the address is locked out for `lockoutMs` and answered 429 before anything is checked, so a
// guesser can neither try passwords quickly nor make the gateway run scrypt for it. Pure over
// the time given; bounded in memory.
export interface FailureLimiterOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockoutMs: number;
  /** Addresses tracked at most; past it the oldest entries go first. */
  readonly maxTracked: number;
}

export interface FailureLimiter {
  /** How long the address must still wait, in ms; 0 when it may try now. */
  lockedFor(address: string, now: number): number;
  recordFailure(address: string, now: number): void;
  readonly tracked: number;
}

interface Entry {
  /** Times of the failures within the window, oldest first. */
  failures: number[];
  lockedUntil: number;
}

export function createFailureLimiter(options: FailureLimiterOptions): FailureLimiter {
  const entries = new Map<string, Entry>();
  const current = (address: string, now: number): Entry | undefined => {
    const entry = entries.get(address);
    if (entry === undefined) return undefined;
    entry.failures = entry.failures.filter((at) => now - at < options.windowMs);
    if (entry.failures.length === 0 && entry.lockedUntil <= now) {
      entries.delete(address);
      return undefined;
    }
    return entry;
  };
  const makeRoom = (): void => {
    for (const oldest of entries.keys()) {
      if (entries.size < options.maxTracked) return;
      entries.delete(oldest);
    }
  };
  return {
    lockedFor(address, now) {
      const entry = current(address, now);
      return entry === undefined ? 0 : Math.max(0, entry.lockedUntil - now);
    },
    recordFailure(address, now) {
      let entry = current(address, now);
      if (entry === undefined) {
        makeRoom();
        entry = { failures: [], lockedUntil: 0 };
        entries.set(address, entry);
      }
      entry.failures.push(now);
      if (entry.failures.length >= options.maxFailures) {
        entry.lockedUntil = now + options.lockoutMs;
        entry.failures = [];
      }
    },
    get tracked() {
      return entries.size;
    },
  };
}
