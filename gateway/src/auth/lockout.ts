// Who is locked out after failed station authentications. Failures count per address and
// identity, so one station guessing wrong (or misconfigured) behind a NAT or a TCP load
// balancer does not lock out every other station behind the same address (invariant 6);
// and per address alone, with a bound well above, so that guessing across many identities
// from one address is stopped too. A DUPLICATE_REFUSED is no failed authentication and is
// never counted (the gate does not report it here).
import { createFailureLimiter, type CheckInFlight } from './failure-limiter.ts';

interface LockoutOptions {
  /** Failures of one identity from one address within the window before both are locked out. */
  readonly perIdentity: number;
  /** Failures from one address, whatever the identities, within the window before it is locked out. */
  readonly perAddress: number;
  readonly windowMs: number;
  readonly lockoutMs: number;
  /** Keys tracked at most by each count. */
  readonly maxTracked: number;
}

export interface Client {
  /** The client-address key (client-address.ts). */
  readonly address: string;
  readonly chargePointId: string;
}

export interface Lockout {
  /** How long the client must still wait, in ms; 0 when it may try now. */
  lockedFor(client: Client, now: number): number;
  /** Starts a password check, counted as a failure on both until it ends; null when either is at its bound. */
  beginCheck(client: Client, now: number): CheckInFlight | null;
  recordFailure(client: Client, now: number): void;
}

/** The identity rule admits no NUL, so no other pair of address and identity makes the same key. */
const pairKey = ({ address, chargePointId }: Client): string => `${address}\u0000${chargePointId}`;

export function createLockout(options: LockoutOptions): Lockout {
  const { windowMs, lockoutMs, maxTracked } = options;
  const perIdentity = createFailureLimiter({ maxFailures: options.perIdentity, windowMs, lockoutMs, maxTracked });
  const perAddress = createFailureLimiter({ maxFailures: options.perAddress, windowMs, lockoutMs, maxTracked });
  return {
    lockedFor: (client, now) => Math.max(perIdentity.lockedFor(pairKey(client), now), perAddress.lockedFor(client.address, now)),
    beginCheck(client, now) {
      const pair = perIdentity.begin(pairKey(client), now);
      if (pair === null) return null;
      const address = perAddress.begin(client.address, now);
      if (address === null) {
        pair.end(now, false);
        return null;
      }
      return {
        end(at, failed) {
          pair.end(at, failed);
          address.end(at, failed);
        },
      };
    },
    recordFailure(client, now) {
      perIdentity.recordFailure(pairKey(client), now);
      perAddress.recordFailure(client.address, now);
    },
  };
}
