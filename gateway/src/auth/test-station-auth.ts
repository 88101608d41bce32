// Test support: station authentication over in-memory tables (the real directory, verifier and
// limiter; only the Kafka topics are replaced by maps), and a security sink that keeps records.
import type { SecurityRecord } from '@csms/contracts';
import { hashStationPassword, verifyStationPassword } from '@csms/infra';
import type { StationAuth } from '../build-app.ts';
import type { SecuritySink } from '../sinks.ts';
import type { AuthPolicy, StoredCredential } from './auth-decision.ts';
import type { DuplicatePolicy } from './duplicate-policy.ts';
import { createFailureLimiter } from './failure-limiter.ts';
import { createPasswordVerifier } from './password-verifier.ts';
import { stationDirectory } from './station-directory.ts';

export interface FakeStationAuth extends StationAuth {
  /** Registers a station, with a password when given (hashed cheaply: the logic is under test, not scrypt's cost). */
  register(chargePointId: string, securityProfile: number, password?: string): Promise<void>;
  /** Whether the tables count as caught up; true unless set otherwise. */
  loaded: boolean;
}

export function createFakeStationAuth(options: { policy?: AuthPolicy; duplicatePolicy?: DuplicatePolicy } = {}): FakeStationAuth {
  const chargePoints = new Map<string, { securityProfile: number }>();
  const credentials = new Map<string, StoredCredential>();
  const verifier = createPasswordVerifier({ verify: verifyStationPassword });
  const fake: FakeStationAuth = {
    loaded: true,
    directory: stationDirectory({ chargePoints, credentials, ready: () => fake.loaded }),
    verifier,
    limiter: createFailureLimiter({ maxFailures: 5, windowMs: 60_000, lockoutMs: 60_000, maxTracked: 1000 }),
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
