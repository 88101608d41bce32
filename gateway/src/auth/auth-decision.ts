// Who may open a socket as a station: one pure function from what the upgrade request
// presented (TLS or not, a client certificate node verified against CSMS_TLS_CA, HTTP Basic
// credentials) and what is configured for the identity, to an acceptance or a refusal reason.
// OCPP 1.6 Security Whitepaper ed. 3 §2 (security profiles) and OCPP 2.0.1 Part 2 A00-A04:
// - profile 1: HTTP Basic on ws://, username = the identity, password = its AuthorizationKey;
// - profile 2: the same over TLS (wss://);
// - profile 3: mutual TLS, the client certificate's subject CN = the identity; no Basic needed.
// Checking a password costs an scrypt, so the function asks for it (`verify-password`) and
// is called again with the outcome: the I/O around it stays thin and every branch is here.
import { toSafeText, type StationCredential } from '@csms/contracts';
import { stationPasswordProblem } from '@csms/infra';

export type SecurityProfile = 0 | 1 | 2 | 3;
export type UnknownStationPolicy = 'accept' | 'pending' | 'reject';

/** The reasons of StationAuthenticationRefused (contracts/avro/station-authentication-refused.avsc), but the duplicate one. */
export type AuthRefusalReason =
  | 'UNKNOWN_STATION' | 'CREDENTIALS_REQUIRED' | 'USERNAME_MISMATCH' | 'WRONG_PASSWORD' | 'NO_PASSWORD_SET'
  | 'DOWNGRADE' | 'CERTIFICATE_REQUIRED' | 'CERTIFICATE_UNTRUSTED' | 'CERTIFICATE_CN_MISMATCH';

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** A client certificate the TLS layer received: verified means it chains to CSMS_TLS_CA and is within its validity. */
export type PresentedCertificate =
  | { readonly verified: true; readonly commonName: string | null }
  | { readonly verified: false; readonly error: string };

export interface Presented {
  /** The identity from the URL, already checked by the handshake rule. */
  readonly chargePointId: string;
  readonly tls: boolean;
  /** Null when none was sent (always on ws://). */
  readonly certificate: PresentedCertificate | null;
  /** 'malformed': an Authorization header that is not HTTP Basic (RFC 7617). */
  readonly basic: BasicCredentials | 'malformed' | null;
}

export type StoredCredential = Pick<StationCredential, 'passwordHash' | 'previousPasswordHash' | 'previousValidUntil'>;

/** A registered station, as the gateway follows it from the configuration topics. */
export interface KnownStation {
  /** ChargePoint.securityProfile as written by the api; anything outside 0..3 is read as 3 (fail closed). */
  readonly securityProfile: number;
  readonly credential: StoredCredential | null;
}

export interface AuthPolicy {
  /** For identities not in the registry only. */
  readonly unknownStations: UnknownStationPolicy;
  /** Raises every station's profile to at least this (1 in production). */
  readonly minimumProfile: SecurityProfile;
}

type PasswordMatch = 'current' | 'previous';
export type PasswordCheck = PasswordMatch | 'mismatch';

export interface PasswordCandidate {
  readonly which: PasswordMatch;
  readonly hash: string;
}

export interface AuthInput {
  readonly presented: Presented;
  /** Null: not registered (absent or tombstoned). */
  readonly station: KnownStation | null;
  readonly policy: AuthPolicy;
  /** Epoch ms, for the previous password's validity. */
  readonly now: number;
  /** The outcome of the `verify-password` step, on the second call. */
  readonly passwordCheck?: PasswordCheck;
}

interface Profiles {
  /** What the attempt amounted to, whether or not it checked out (0: ws://, no credentials). */
  readonly presentedProfile: SecurityProfile;
  /** The profile enforced for a registered station (its own, raised to the minimum); null when unregistered. */
  readonly requiredProfile: SecurityProfile | null;
}

export type AuthDecision =
  | (Profiles & {
    readonly kind: 'accept';
    /** What was proven: 0 nothing, 1/2 a password (ws/wss), 3 a client certificate. */
    readonly verifiedProfile: SecurityProfile;
    readonly password: PasswordMatch | null;
  })
  | (Profiles & { readonly kind: 'refuse'; readonly reason: AuthRefusalReason; readonly detail: string | null })
  | { readonly kind: 'verify-password'; readonly password: string; readonly candidates: readonly PasswordCandidate[] };

export function presentedProfileOf(presented: Presented): SecurityProfile {
  if (presented.tls && presented.certificate !== null) return 3;
  if (presented.basic !== null) return presented.tls ? 2 : 1;
  return 0;
}

function configuredProfile(value: number): SecurityProfile {
  return value === 0 || value === 1 || value === 2 || value === 3 ? value : 3;
}

function atLeast(a: SecurityProfile, b: SecurityProfile): SecurityProfile {
  return a >= b ? a : b;
}

/** The current hash, and the previous one while it is still valid. */
export function passwordCandidates(credential: StoredCredential, now: number): PasswordCandidate[] {
  const candidates: PasswordCandidate[] = [{ which: 'current', hash: credential.passwordHash }];
  const { previousPasswordHash, previousValidUntil } = credential;
  // No end date means no grace: a rotation that forgot it must not leave the old password valid forever.
  if (previousPasswordHash !== null && previousValidUntil !== null && now < previousValidUntil) {
    candidates.push({ which: 'previous', hash: previousPasswordHash });
  }
  return candidates;
}

type Refuse = (reason: AuthRefusalReason, detail?: string | null) => AuthDecision;
type Accept = (verifiedProfile: SecurityProfile, password?: PasswordMatch | null) => AuthDecision;

function certificateRefusal(presented: Presented, refuse: Refuse): AuthDecision | null {
  const certificate = presented.tls ? presented.certificate : null;
  if (certificate === null) return null;
  // Whitepaper profile 3: a certificate that does not chain, has expired or names another station fails whoever presents it.
  if (!certificate.verified) return refuse('CERTIFICATE_UNTRUSTED', certificate.error);
  if (certificate.commonName !== presented.chargePointId) {
    // The CN is the client's text: made safe and bounded (by code points, never splitting a
    // surrogate pair) before it reaches a record or a log line.
    return refuse('CERTIFICATE_CN_MISMATCH', toSafeText(`the certificate's subject CN is ${JSON.stringify(certificate.commonName)}`, 200));
  }
  return null;
}

function transportRefusal(enforced: SecurityProfile, tls: boolean, refuse: Refuse): AuthDecision | null {
  if (enforced === 3) {
    return tls ? refuse('CERTIFICATE_REQUIRED', 'security profile 3: a client certificate is required')
      : refuse('DOWNGRADE', 'security profile 3 needs wss:// with a client certificate');
  }
  if (enforced === 2 && !tls) return refuse('DOWNGRADE', 'security profile 2 needs wss://');
  return null;
}

function basicStep(input: AuthInput, enforced: SecurityProfile, refuse: Refuse, accept: Accept): AuthDecision {
  const { presented } = input;
  const basic = presented.basic;
  if (basic === null) return enforced > 0 ? refuse('CREDENTIALS_REQUIRED') : accept(0);
  if (basic === 'malformed') return refuse('CREDENTIALS_REQUIRED', 'the Authorization header is not HTTP Basic');
  if (basic.username !== presented.chargePointId) return refuse('USERNAME_MISMATCH');
  const credential = input.station?.credential ?? null;
  // Nothing to check a password against: required, a refusal; not required, it proves nothing.
  if (credential === null) return enforced > 0 ? refuse('NO_PASSWORD_SET') : accept(0);
  // Every stored password obeys the whitepaper's rule (the api refuses others), so one that
  // breaks it is wrong: refused without spending an scrypt on it.
  if (stationPasswordProblem(basic.password) !== null) return refuse('WRONG_PASSWORD', 'not a possible station password');
  const check = input.passwordCheck;
  switch (check) {
    case undefined:
      return { kind: 'verify-password', password: basic.password, candidates: passwordCandidates(credential, input.now) };
    case 'mismatch':
      return refuse('WRONG_PASSWORD');
    case 'current':
    case 'previous':
      return accept(presented.tls ? 2 : 1, check);
    default: {
      const _exhaustive: never = check;
      return _exhaustive;
    }
  }
}

export function decideStationAuth(input: AuthInput): AuthDecision {
  const { presented, station, policy } = input;
  const presentedProfile = presentedProfileOf(presented);
  const requiredProfile = station === null ? null : atLeast(configuredProfile(station.securityProfile), policy.minimumProfile);
  const refuse: Refuse = (reason, detail = null) => ({ kind: 'refuse', reason, detail, presentedProfile, requiredProfile });
  const accept: Accept = (verifiedProfile, password = null) => ({
    kind: 'accept', verifiedProfile, password, presentedProfile, requiredProfile,
  });
  const badCertificate = certificateRefusal(presented, refuse);
  if (badCertificate !== null) return badCertificate;
  if (station === null && policy.unknownStations === 'reject') return refuse('UNKNOWN_STATION');
  // A verified certificate naming this station is the strongest proof there is: more than any profile requires.
  if (presented.tls && presented.certificate !== null) return accept(3);
  const enforced = requiredProfile ?? policy.minimumProfile;
  if (station === null && enforced > 0) {
    return refuse('UNKNOWN_STATION', `an unregistered station has no password: below profile 3 it cannot meet the minimum profile ${enforced}`);
  }
  return transportRefusal(enforced, presented.tls, refuse) ?? basicStep(input, enforced, refuse, accept);
}
