// A token bucket: `burst` tokens, refilled continuously at `ratePerSecond`; each event takes
// one. Hand-written rather than a library because it must run on an injected clock (the
// tests move time by hand) and it is a dozen lines; the limiters on npm read Date.now().

interface TokenBucketOptions {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly clock: () => number;
}

export interface TokenBucket {
  /** Takes a token if there is one. */
  take(): boolean;
  /** Milliseconds until a token is there (0: now). */
  waitMs(): number;
  /** Full again: the bucket remembers nothing worth keeping. */
  isFull(): boolean;
}

export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { ratePerSecond, burst, clock } = options;
  let tokens = burst;
  let at = clock();
  const refill = (): void => {
    const now = clock();
    // Time moves forward only: a clock that steps back adds nothing until it has caught up.
    if (now <= at) return;
    tokens = Math.min(burst, tokens + ((now - at) * ratePerSecond) / 1000);
    at = now;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    waitMs() {
      refill();
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 1000) / ratePerSecond);
    },
    isFull() {
      refill();
      return tokens >= burst;
    },
  };
}
