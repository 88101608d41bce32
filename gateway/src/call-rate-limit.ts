// The rate limit of one connection. Every frame but the answer to the CSMS's own awaited
// CALL takes a token; past the limit a frame is refused (a CALLERROR, not forwarded). A
// well-behaved station cannot come near it: OCPP-J lets it have one CALL outstanding at a time.
// Sustained abuse: more refusals than `refusalsBeforeClose` within ten seconds (a second
// bucket of that size, refilled over ten seconds) and the connection is closed with 1008.
import type { FrameRateLimit } from './frame-decider.ts';
import { createTokenBucket } from './token-bucket.ts';

export interface CallRateSettings {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly refusalsBeforeClose: number;
}

export interface ConnectionRateLimit extends FrameRateLimit {
  /** True once refusals went past what is tolerated: the connection is to be closed. */
  readonly exhausted: boolean;
}

/** The window over which refusals are counted. */
const REFUSAL_WINDOW_SECONDS = 10;

export function createConnectionRateLimit(settings: CallRateSettings, clock: () => number): ConnectionRateLimit {
  const frames = createTokenBucket({ ratePerSecond: settings.ratePerSecond, burst: settings.burst, clock });
  const refusals = createTokenBucket({
    ratePerSecond: settings.refusalsBeforeClose / REFUSAL_WINDOW_SECONDS, burst: settings.refusalsBeforeClose, clock,
  });
  let exhausted = false;
  return {
    admit() {
      if (frames.take()) return true;
      if (!refusals.take()) exhausted = true;
      return false;
    },
    description: `Rate limit exceeded: at most ${settings.ratePerSecond} calls a second (bursts of ${settings.burst}) `
      + 'per connection; this call was not processed, send it again later',
    get exhausted() {
      return exhausted;
    },
  };
}
