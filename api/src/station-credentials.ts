// The registry's station credentials (OCPP 1.6 Security Whitepaper, profiles 1 and 2: HTTP
// Basic with the station id and a password). The api hashes a password the moment it arrives
// and writes only the hash, to the compacted credentials topic the gateway reads; the only way
// a password travels further is sealed, inside the ChangeConfiguration(AuthorizationKey) or
// SetVariables(SecurityCtrlr.BasicAuthPassword) that sets it on the station.
import { AUTHORIZATION_KEY, BASIC_AUTH_PASSWORD, namedPasswordSetting, type StationCredential } from '@csms/contracts';
import { isSealed, stationPasswordProblem } from '@csms/infra';
import type { FinalCommandStatus } from '@csms/projections/commands/queries.ts';
import { ApiError } from './errors.ts';

/** Whitepaper §2.2 / OCPP 1.6 security extension configuration key. */
export const SECURITY_PROFILE_KEY = 'SecurityProfile';

/** Security profiles that authenticate the station with its password (Basic auth). */
export function needsPassword(securityProfile: number): boolean {
  return securityProfile === 1 || securityProfile === 2;
}

/** Refuses a password that breaks the whitepaper's rule, without quoting it. */
export function checkStationPassword(password: string): void {
  const problem = stationPasswordProblem(password);
  if (problem !== null) throw new ApiError('VALIDATION_FAILED', `body/basicAuthPassword: ${problem}`);
}

interface CredentialChange {
  readonly chargePointId: string;
  readonly passwordHash: string;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

/** A password set outright: whatever the station had before stops working at once. */
export function replacedCredential(change: CredentialChange): StationCredential {
  return { ...change, previousPasswordHash: null, previousValidUntil: null };
}

/**
 * A password rotated through the station (whitepaper "Update Charge Point Password"): the new
 * one is current at once, and the one it replaces keeps working until `graceMs` from now, so
 * the station connects with either while it switches over.
 */
export function rotatedCredential(change: CredentialChange, current: StationCredential | undefined, graceMs: number): StationCredential {
  if (current === undefined) return replacedCredential(change);
  return { ...change, previousPasswordHash: current.passwordHash, previousValidUntil: change.updatedAt + graceMs };
}

/** What a rotation the station did not accept leaves of the credential. */
export type RotationUndo =
  /** The credential from before, written back as it was. */
  | { readonly kind: 'restore'; readonly credential: StationCredential }
  /** The previous password current again, the new one valid for the grace period (it may have reached the station). */
  | { readonly kind: 'demote'; readonly credential: StationCredential }
  /** There was none before: the rotated one is removed (a tombstone). */
  | { readonly kind: 'remove' }
  /** There was none before and the new one may have reached the station: it stays. */
  | { readonly kind: 'keep' };

/**
 * Undoes a rotation whose ChangeConfiguration(AuthorizationKey) ended other than Accepted, so the
 * station is not locked out when the grace period ends. Rejected, or Failed (a CALLERROR, or a
 * CALL never sent): the station kept its password, so the credential from before comes back
 * exactly as it was (its time and author too: the read model shows what it showed before).
 * TimedOut or NotConnected: the CALL may have reached the station and its answer been lost, so
 * the previous password is current again and the new one keeps working for the rotation's grace
 * period: either way the station connects, and the operator hears it was not rotated.
 */
export function undoRotation(
  before: StationCredential | undefined, rotated: StationCredential, status: Exclude<FinalCommandStatus, 'Accepted'>,
): RotationUndo {
  switch (status) {
    case 'Rejected':
    case 'Failed':
      return before === undefined ? { kind: 'remove' } : { kind: 'restore', credential: before };
    case 'TimedOut':
    case 'NotConnected':
      if (before === undefined) return { kind: 'keep' };
      return {
        kind: 'demote',
        credential: { ...before, previousPasswordHash: rotated.passwordHash, previousValidUntil: rotated.previousValidUntil },
      };
    default: {
      const _exhaustive: never = status;
      return _exhaustive;
    }
  }
}

/**
 * ChangeConfiguration of the keys that have a route of their own: the password must be sealed
 * and the registry must follow a security profile change, which the generic route does neither.
 * An OCPP 2.0.1 station's password (SetVariables of SecurityCtrlr.BasicAuthPassword) is the
 * password route's too: set through the generic one, the registry would not hold it and the
 * station would be refused when it reconnects.
 */
export function dedicatedRouteOf(action: string, body: Record<string, unknown>): string | null {
  const password = namedPasswordSetting(action, body);
  if (password === BASIC_AUTH_PASSWORD) {
    return `${BASIC_AUTH_PASSWORD} is not set through the generic command route: set it through PUT /charge-points/{id}/password with "setOnStation": true, which updates the registry and never writes it in clear`;
  }
  if (password === AUTHORIZATION_KEY) {
    return `${AUTHORIZATION_KEY} is set through PUT /charge-points/{id}/password with "setOnStation": true, which never writes it in clear`;
  }
  if (action !== 'ChangeConfiguration' || typeof body.key !== 'string') return null;
  // Configuration keys are CiString50Type: case-insensitive (OCPP 1.6 §9).
  if (body.key.toLowerCase() === SECURITY_PROFILE_KEY.toLowerCase()) {
    return `${SECURITY_PROFILE_KEY} is changed through POST /charge-points/{id}/security-profile, which also updates the registry`;
  }
  return null;
}

/**
 * Where a command body holds a string (value or property name) that looks sealed, or null. Only
 * the password route seals, for one station and its password setting; a sealed value copied from a
 * command's payload into another command is refused outright (the gateway would not send it).
 */
export function sealedValuePath(body: unknown): string | null {
  const stack: { readonly value: unknown; readonly path: string }[] = [{ value: body, path: 'body' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string' && isSealed(value)) return path;
    if (typeof value !== 'object' || value === null) continue;
    for (const [name, child] of Object.entries(value)) {
      if (isSealed(name)) return path;
      stack.push({ value: child, path: `${path}/${name}` });
    }
  }
  return null;
}
