// The csms.security records the gateway writes: a refused upgrade, a socket taken over.
import type { ConnectionReplaced, StationAuthenticationRefused } from '@csms/contracts';
import type { AuthRefusalReason, SecurityProfile } from './auth-decision.ts';

export type StationRefusalReason = AuthRefusalReason | 'DUPLICATE_REFUSED';

export interface Refusal {
  readonly chargePointId: string;
  readonly node: number;
  readonly remoteAddress: string | null;
  readonly reason: StationRefusalReason;
  readonly detail: string | null;
  readonly presentedProfile: SecurityProfile;
  readonly requiredProfile: SecurityProfile | null;
}

export function refusedRecord(refusal: Refusal, at: number): StationAuthenticationRefused {
  return { type: 'StationAuthenticationRefused', at, ...refusal };
}

export interface Replacement {
  readonly chargePointId: string;
  readonly node: number;
  readonly connectionId: string;
  readonly remoteAddress: string | null;
  readonly previousConnectionId: string;
  readonly previousRemoteAddress: string | null;
  readonly presentedProfile: SecurityProfile;
}

export function replacedRecord(replacement: Replacement, at: number): ConnectionReplaced {
  return { type: 'ConnectionReplaced', at, ...replacement };
}
