// Checks a station's Basic password against its stored scrypt hashes, remembering successes:
// stations reconnect to the node they were on all the time (a dropped network, sockets closed
// when a Kafka write failed), often many at once, and one scrypt per station per reconnect
// would cost seconds of CPU. The memory is this process's only: after a restart every station
// costs one scrypt again (the hash slots bound how many run at once). What is remembered is an
// HMAC of the password under a key made at start-up and never written anywhere, per station
// and per stored hash, never the password; a station's entries go when its stored credential
// changes, and an entry only ever matches the hash it was verified against. Station passwords
// are 16-40 random characters (whitepaper), so a fast MAC of one in memory does not make it
// guessable.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PasswordCandidate, PasswordCheck } from './auth-decision.ts';
import type { HashSlots } from './hash-slots.ts';

interface PasswordVerifierOptions {
  /** verifyStationPassword from @csms/infra: constant-time, false for anything it cannot read. */
  readonly verify: (password: string, storedHash: string) => Promise<boolean>;
  /** Where the hashes run: the process's one bound on them. */
  readonly slots: HashSlots;
  /** Told whether an answer came from memory or cost a hash. */
  readonly onCheck?: (source: 'remembered' | 'computed') => void;
}

/** 'busy': not checked, every hash slot and the queue behind them are taken. */
type VerifierAnswer = PasswordCheck | 'busy';

export interface PasswordVerifier {
  check(chargePointId: string, password: string, candidates: readonly PasswordCandidate[]): Promise<VerifierAnswer>;
  /** The station's stored credential changed (or was removed): forget what was verified against it. */
  forget(chargePointId: string): void;
}

export function createPasswordVerifier(options: PasswordVerifierOptions): PasswordVerifier {
  const key = randomBytes(32);
  /** chargePointId -> stored hash -> HMAC of the password that matched it. */
  const remembered = new Map<string, Map<string, Buffer>>();
  const mac = (password: string): Buffer => createHmac('sha256', key).update(password, 'utf8').digest();
  const recall = (chargePointId: string, password: string, candidates: readonly PasswordCandidate[]): PasswordCheck | null => {
    const byHash = remembered.get(chargePointId);
    if (byHash === undefined) return null;
    const presented = mac(password);
    const hit = candidates.find((c) => {
      const known = byHash.get(c.hash);
      return known !== undefined && timingSafeEqual(known, presented);
    });
    return hit?.which ?? null;
  };
  const remember = (chargePointId: string, hash: string, password: string): void => {
    const byHash = remembered.get(chargePointId) ?? new Map<string, Buffer>();
    byHash.set(hash, mac(password));
    remembered.set(chargePointId, byHash);
  };
  const compute = async (chargePointId: string, password: string, candidates: readonly PasswordCandidate[]): Promise<PasswordCheck> => {
    for (const candidate of candidates) {
      if (await options.verify(password, candidate.hash)) {
        remember(chargePointId, candidate.hash, password);
        return candidate.which;
      }
    }
    return 'mismatch';
  };
  return {
    async check(chargePointId, password, candidates) {
      const known = recall(chargePointId, password, candidates);
      if (known !== null) {
        options.onCheck?.('remembered');
        return known;
      }
      const computed = options.slots.run(() => compute(chargePointId, password, candidates));
      if (computed === null) return 'busy';
      options.onCheck?.('computed');
      return computed;
    },
    forget(chargePointId) {
      remembered.delete(chargePointId);
    },
  };
}
