// The checks between a well-formed handshake and the upgrade, in order: the lockout of the
// address and identity (429, before anything costs a hash), the station directory's readiness
// (503), authentication (401/403; a password check takes a place in the lockout while it runs,
// and a hash slot: 429 or 503 when there is none), the duplicate-connection policy (409). Every
// refusal but the 429s and 503s is recorded once on csms.security and records nothing else (no
// Connected, no frame); all but the duplicate count as failed authentications. The 429s and
// 503s are counted in metrics only, so a flood cannot fill the topic.
import type { Logger } from '@csms/infra';
import { clientAddressKey } from '../client-address.ts';
import type { ConnectionRegistry } from '../connection-registry.ts';
import type { GatewayMetrics } from '../metrics.ts';
import type { SecuritySink } from '../sinks.ts';
import { decideStationAuth, presentedProfileOf, type AuthDecision, type AuthPolicy, type Presented, type SecurityProfile } from './auth-decision.ts';
import { decideDuplicate, type DuplicatePolicy } from './duplicate-policy.ts';
import type { Client, Lockout } from './lockout.ts';
import type { PasswordVerifier } from './password-verifier.ts';
import { authenticationBusy, checksInProgress, lockedOutResponse, refusalResponse, stationsLoading, type HttpRefusal } from './refusal-responses.ts';
import { refusedRecord, type Refusal } from './security-records.ts';
import type { StationDirectory } from './station-directory.ts';

interface UpgradeGateDeps {
  readonly node: number;
  readonly directory: StationDirectory;
  readonly verifier: PasswordVerifier;
  readonly lockout: Lockout;
  readonly policy: AuthPolicy;
  readonly duplicatePolicy: DuplicatePolicy;
  readonly pingMs: number;
  readonly registry: ConnectionRegistry;
  readonly security: SecuritySink;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly clock: () => number;
}

interface UpgradeAttempt {
  readonly presented: Presented;
  readonly remoteAddress: string | null;
}

export interface Admission {
  readonly ok: true;
  readonly presentedProfile: SecurityProfile;
  /** What the station proved (a password, a certificate): less than presented for one that needed to prove nothing. */
  readonly verifiedProfile: SecurityProfile;
  /**
   * Decides the duplicate policy again, at the moment the socket is attached: call it right
   * before the connection registry takes the socket, with no await in between. Another
   * upgrade for the identity may have been attached since the gate let this one through
   * (the gate awaits a password check); false when the policy now refuses it, which is then
   * recorded like any DUPLICATE_REFUSED, and the socket must be closed.
   */
  claim(): boolean;
}

type GateOutcome = Admission | { readonly ok: false; readonly refusal: HttpRefusal };

export type UpgradeGate = (attempt: UpgradeAttempt) => Promise<GateOutcome>;

type Settled = Exclude<AuthDecision, { kind: 'verify-password' }>;

type Authenticated =
  /** counted: a failed password check is on the lockout already (it counts as it ends). */
  | { readonly kind: 'decided'; readonly decision: Settled; readonly counted: boolean }
  | { readonly kind: 'checks-in-progress' }
  | { readonly kind: 'busy' };

/** The decision asks once (auth-decision.test.ts); were it to ask again, refusing is the safe answer. */
function unsettled(presented: Presented): Settled {
  return { kind: 'refuse', reason: 'WRONG_PASSWORD', detail: 'password check unsettled', presentedProfile: presentedProfileOf(presented), requiredProfile: null };
}

async function authenticate(deps: UpgradeGateDeps, presented: Presented, client: Client): Promise<Authenticated> {
  const station = deps.directory.station(presented.chargePointId);
  const input = { presented, station, policy: deps.policy, now: deps.clock() };
  const first = decideStationAuth(input);
  if (first.kind !== 'verify-password') return { kind: 'decided', decision: first, counted: false };
  // Taken before the await, so attempts running together count against the lockout at once.
  const check = deps.lockout.beginCheck(client, input.now);
  if (check === null) return { kind: 'checks-in-progress' };
  let failed = false;
  try {
    const answer = await deps.verifier.check(presented.chargePointId, first.password, first.candidates);
    if (answer === 'busy') return { kind: 'busy' };
    const second = decideStationAuth({ ...input, passwordCheck: answer });
    const decision = second.kind === 'verify-password' ? unsettled(presented) : second;
    failed = decision.kind === 'refuse';
    return { kind: 'decided', decision, counted: true };
  } finally {
    check.end(deps.clock(), failed);
  }
}

function refuse(deps: UpgradeGateDeps, refusal: Refusal, countAs: Client | null): GateOutcome {
  const at = deps.clock();
  if (countAs !== null) deps.lockout.recordFailure(countAs, at);
  deps.metrics.stationsRefused.inc({ reason: refusal.reason });
  // Never the credentials themselves: only what the record holds.
  deps.logger.warn({ ...refusal }, 'station upgrade refused');
  deps.security.recordSecurity(refusedRecord(refusal, at))
    .catch((error: unknown) => deps.logger.error({ err: error, chargePointId: refusal.chargePointId }, 'StationAuthenticationRefused not recorded'));
  return { ok: false, refusal: refusalResponse(refusal.reason) };
}

function lockedOut(deps: UpgradeGateDeps, waitMs: number): GateOutcome {
  deps.metrics.authLockedOut.inc();
  return { ok: false, refusal: lockedOutResponse(waitMs) };
}

function isDuplicateRefused(deps: UpgradeGateDeps, chargePointId: string, verifiedProfile: SecurityProfile): boolean {
  const existingLastSeenAt = deps.registry.lastSeenAt(chargePointId);
  return decideDuplicate({ policy: deps.duplicatePolicy, existingLastSeenAt, verifiedProfile, now: deps.clock(), pingMs: deps.pingMs }) === 'refuse';
}

/** Not a failed authentication: the station proved what it had to, its older socket is merely alive. */
function duplicateRefusal(deps: UpgradeGateDeps, facts: Omit<Refusal, 'reason' | 'detail'>): Refusal {
  return { ...facts, reason: 'DUPLICATE_REFUSED', detail: `policy ${deps.duplicatePolicy}; the connected socket is alive` };
}

function admission(deps: UpgradeGateDeps, facts: Omit<Refusal, 'reason' | 'detail'>, verifiedProfile: SecurityProfile): Admission {
  return {
    ok: true,
    presentedProfile: facts.presentedProfile,
    verifiedProfile,
    claim() {
      if (isDuplicateRefused(deps, facts.chargePointId, verifiedProfile)) {
        refuse(deps, duplicateRefusal(deps, facts), null);
        return false;
      }
      deps.metrics.stationsAdmitted.inc({ profile: verifiedProfile });
      return true;
    },
  };
}

/** No room for another password check: locked out by the checks that were running, or waiting for them to end. */
function turnedAway(deps: UpgradeGateDeps, client: Client): GateOutcome {
  const lockedMs = deps.lockout.lockedFor(client, deps.clock());
  deps.metrics.authLockedOut.inc();
  return { ok: false, refusal: lockedMs > 0 ? lockedOutResponse(lockedMs) : checksInProgress };
}

export function createUpgradeGate(deps: UpgradeGateDeps): UpgradeGate {
  return async ({ presented, remoteAddress }) => {
    const { chargePointId } = presented;
    const client: Client = { address: clientAddressKey(remoteAddress), chargePointId };
    const waitMs = deps.lockout.lockedFor(client, deps.clock());
    if (waitMs > 0) return lockedOut(deps, waitMs);
    if (!deps.directory.ready()) return { ok: false, refusal: stationsLoading };
    const authenticated = await authenticate(deps, presented, client);
    if (authenticated.kind === 'checks-in-progress') return turnedAway(deps, client);
    if (authenticated.kind === 'busy') {
      deps.metrics.authBusy.inc();
      return { ok: false, refusal: authenticationBusy };
    }
    const { decision, counted } = authenticated;
    const facts = { chargePointId, node: deps.node, remoteAddress, presentedProfile: decision.presentedProfile, requiredProfile: decision.requiredProfile };
    if (decision.kind === 'refuse') return refuse(deps, { ...facts, reason: decision.reason, detail: decision.detail }, counted ? null : client);
    if (isDuplicateRefused(deps, chargePointId, decision.verifiedProfile)) return refuse(deps, duplicateRefusal(deps, facts), null);
    if (decision.password === 'previous') deps.logger.info({ chargePointId }, 'station authenticated with its previous password');
    return admission(deps, facts, decision.verifiedProfile);
  };
}
