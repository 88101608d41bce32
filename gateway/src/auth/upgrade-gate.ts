// The checks between a well-formed handshake and the upgrade, in order: the address's lockout
// (429, before anything costs a hash), the station directory's readiness (503), authentication
// (401/403), the duplicate-connection policy (409). Every refusal but the 429 and the 503 is
// recorded once on csms.security, counts against the address, and records nothing else (no
// Connected, no frame); the 429s are counted in metrics only, so a flood cannot fill the topic.
import type { Logger } from '@csms/infra';
import type { ConnectionRegistry } from '../connection-registry.ts';
import type { GatewayMetrics } from '../metrics.ts';
import type { SecuritySink } from '../sinks.ts';
import { decideStationAuth, presentedProfileOf, type AuthDecision, type AuthPolicy, type Presented, type SecurityProfile } from './auth-decision.ts';
import { clientAddressKey } from '../client-address.ts';
import { decideDuplicate, type DuplicatePolicy } from './duplicate-policy.ts';
import type { FailureLimiter } from './failure-limiter.ts';
import type { PasswordVerifier } from './password-verifier.ts';
import { lockedOutResponse, refusalResponse, stationsLoading, type HttpRefusal } from './refusal-responses.ts';
import { refusedRecord, type Refusal } from './security-records.ts';
import type { StationDirectory } from './station-directory.ts';

export interface UpgradeGateDeps {
  readonly node: number;
  readonly directory: StationDirectory;
  readonly verifier: PasswordVerifier;
  readonly limiter: FailureLimiter;
  readonly policy: AuthPolicy;
  readonly duplicatePolicy: DuplicatePolicy;
  readonly pingMs: number;
  readonly registry: ConnectionRegistry;
  readonly security: SecuritySink;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly clock: () => number;
}

export interface UpgradeAttempt {
  readonly presented: Presented;
  readonly remoteAddress: string | null;
}

export type GateOutcome =
  | { readonly ok: true; readonly verifiedProfile: SecurityProfile; readonly presentedProfile: SecurityProfile }
  | { readonly ok: false; readonly refusal: HttpRefusal };

export type UpgradeGate = (attempt: UpgradeAttempt) => Promise<GateOutcome>;

type Settled = Exclude<AuthDecision, { kind: 'verify-password' }>;

async function authenticate(deps: UpgradeGateDeps, presented: Presented): Promise<Settled> {
  const station = deps.directory.station(presented.chargePointId);
  const input = { presented, station, policy: deps.policy, now: deps.clock() };
  const first = decideStationAuth(input);
  if (first.kind !== 'verify-password') return first;
  const passwordCheck = await deps.verifier.check(presented.chargePointId, first.password, first.candidates);
  const second = decideStationAuth({ ...input, passwordCheck });
  if (second.kind !== 'verify-password') return second;
  // The decision asks once (auth-decision.test.ts); were it to ask again, refusing is the safe answer.
  return { kind: 'refuse', reason: 'WRONG_PASSWORD', detail: 'password check unsettled', presentedProfile: presentedProfileOf(presented), requiredProfile: null };
}

function refuse(deps: UpgradeGateDeps, addressKey: string, refusal: Refusal): GateOutcome {
  const at = deps.clock();
  deps.limiter.recordFailure(addressKey, at);
  deps.metrics.stationsRefused.inc({ reason: refusal.reason });
  // Never the credentials themselves: only what the record holds.
  deps.logger.warn({ ...refusal }, 'station upgrade refused');
  deps.security.recordSecurity(refusedRecord(refusal, at))
    .catch((error: unknown) => deps.logger.error({ err: error, chargePointId: refusal.chargePointId }, 'StationAuthenticationRefused not recorded'));
  return { ok: false, refusal: refusalResponse(refusal.reason) };
}

export function createUpgradeGate(deps: UpgradeGateDeps): UpgradeGate {
  return async ({ presented, remoteAddress }) => {
    const addressKey = clientAddressKey(remoteAddress);
    const waitMs = deps.limiter.lockedFor(addressKey, deps.clock());
    if (waitMs > 0) {
      deps.metrics.authLockedOut.inc();
      return { ok: false, refusal: lockedOutResponse(waitMs) };
    }
    if (!deps.directory.ready()) return { ok: false, refusal: stationsLoading };
    const decision = await authenticate(deps, presented);
    const { chargePointId } = presented;
    const facts = { chargePointId, node: deps.node, remoteAddress, presentedProfile: decision.presentedProfile, requiredProfile: decision.requiredProfile };
    if (decision.kind === 'refuse') return refuse(deps, addressKey, { ...facts, reason: decision.reason, detail: decision.detail });
    const duplicate = decideDuplicate({
      policy: deps.duplicatePolicy, existingLastSeenAt: deps.registry.lastSeenAt(chargePointId), verifiedProfile: decision.verifiedProfile,
      now: deps.clock(), pingMs: deps.pingMs,
    });
    if (duplicate === 'refuse') {
      return refuse(deps, addressKey, { ...facts, reason: 'DUPLICATE_REFUSED', detail: `policy ${deps.duplicatePolicy}; the connected socket is alive` });
    }
    deps.metrics.stationsAdmitted.inc({ profile: decision.verifiedProfile });
    if (decision.password === 'previous') deps.logger.info({ chargePointId }, 'station authenticated with its previous password');
    return { ok: true, verifiedProfile: decision.verifiedProfile, presentedProfile: decision.presentedProfile };
  };
}
