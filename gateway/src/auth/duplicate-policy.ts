// A second connection for an identity this node already holds (CSMS_DUPLICATE_CONNECTION_POLICY).
// - replace (default): a connection that proved who it is (a password or a certificate) takes
//   over, and the older socket is closed; one that proved nothing (profile 0) is refused while
//   the older socket is alive, so nobody can take a live station's socket, and with it its
//   remote commands, by merely knowing its identity.
// - refuse: any duplicate is refused while the older socket is alive.
// A socket that is no longer alive is replaced either way: it is how a station comes back
// after its network dropped without a close.
import type { SecurityProfile } from './auth-decision.ts';

export type DuplicatePolicy = 'replace' | 'refuse';

export interface DuplicateInput {
  readonly policy: DuplicatePolicy;
  /** When the connection held now last showed life (connected, a frame, a pong); null when there is none. */
  readonly existingLastSeenAt: number | null;
  readonly verifiedProfile: SecurityProfile;
  readonly now: number;
  readonly pingMs: number;
}

/**
 * Alive: it answered its last ping or sent a frame within the ping interval. Pings go out every
 * interval, so a socket that answers them was seen within one interval plus the pong's round
 * trip, allowed up to 5 s (a slow cellular link).
 */
export function isAlive(lastSeenAt: number, now: number, pingMs: number): boolean {
  return now - lastSeenAt <= pingMs + Math.min(pingMs, 5_000);
}

export function decideDuplicate(input: DuplicateInput): 'admit' | 'refuse' {
  const { existingLastSeenAt } = input;
  if (existingLastSeenAt === null || !isAlive(existingLastSeenAt, input.now, input.pingMs)) return 'admit';
  switch (input.policy) {
    case 'refuse':
      return 'refuse';
    case 'replace':
      return input.verifiedProfile > 0 ? 'admit' : 'refuse';
    default: {
      const _exhaustive: never = input.policy;
      return _exhaustive;
    }
  }
}
