// Test support: station authentication over in-memory tables (the real directory, verifier,
// hash slots and lockout; only the Kafka topics are replaced by maps, and the hash may be
// wrapped to hold it at a gate), and a security sink that keeps records.
import type { SecurityRecord } from '@csms/contracts';
import { hashStationPassword, verifyStationPassword } from '@csms/infra';
import type { StationAuth } from '../build-app.ts';
import type { SecuritySink } from '../sinks.ts';
import type { AuthPolicy, StoredCredential } from './auth-decision.ts';
import type { DuplicatePolicy } from './duplicate-policy.ts';
import { createHashSlots, type HashSlotsOptions } from './hash-slots.ts';
import { createLockout } from './lockout.ts';
import { createPasswordVerifier } from './password-verifier.ts';
import { stationDirectory } from './station-directory.ts';

interface FakeStationAuth extends StationAuth {
  /** Registers a station, with a password when given (hashed cheaply: the logic is under test, not scrypt's cost). */
  register(chargePointId: string, securityProfile: number, password?: string): Promise<void>;
  /** Whether the tables count as caught up; true unless set otherwise. */
  loaded: boolean;
}

interface FakeStationAuthOptions {
  readonly policy?: AuthPolicy;
  readonly duplicatePolicy?: DuplicatePolicy;
  /** The hash as the verifier sees it: the real one unless a test holds it. */
  readonly verify?: (password: string, storedHash: string) => Promise<boolean>;
  readonly hashSlots?: HashSlotsOptions;
  readonly onCheck?: (source: 'remembered' | 'computed') => void;
}

export function createFakeStationAuth(options: FakeStationAuthOptions = {}): FakeStationAuth {
  const chargePoints = new Map<string, { securityProfile: number }>();
  const credentials = new Map<string, StoredCredential>();
  const verifier = createPasswordVerifier({
    verify: options.verify ?? verifyStationPassword, slots: createHashSlots(options.hashSlots ?? { concurrency: 2, maxQueued: 100 }),
    onCheck: options.onCheck,
  });
  const fake: FakeStationAuth = {
    loaded: true,
    directory: stationDirectory({ chargePoints, credentials, ready: () => fake.loaded }),
    verifier,
    lockout: createLockout({ perIdentity: 5, perAddress: 50, windowMs: 60_000, lockoutMs: 60_000, maxTracked: 1000 }),
    policy: options.policy ?? { unknownStations: 'accept', minimumProfile: 0 },
    duplicatePolicy: options.duplicatePolicy ?? 'replace',
    async register(chargePointId, securityProfile, password) {
      chargePoints.set(chargePointId, { securityProfile });
      if (password === undefined) return;
      const passwordHash = await hashStationPassword(password, { log2N: 4, r: 1, p: 1 });
      credentials.set(chargePointId, { passwordHash, previousPasswordHash: null, previousValidUntil: null });
      verifier.forget(chargePointId);
    },
  };
  return fake;
}

export function recordingSecuritySink(): SecuritySink & { readonly records: SecurityRecord[] } {
  const records: SecurityRecord[] = [];
  return {
    records,
    recordSecurity: async (record) => {
      records.push(record);
    },
  };
}
