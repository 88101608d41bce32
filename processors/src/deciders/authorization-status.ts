// OCPP 2.0.1 authorization statuses in the domain's set, which is 1.6's (an Avro enum: old readers
// know no other symbol). The statuses 2.0.1 added all refuse the token, here, now or on this EVSE,
// for reasons the station itself enforces from the rest of IdTokenInfo; the domain keeps the refusal.
import type { AuthorizationStatus, Ocpp201 } from '@csms/contracts';

const domainStatuses: { readonly [S in Ocpp201.AuthorizationStatusEnumType]: AuthorizationStatus } = {
  Accepted: 'Accepted',
  Blocked: 'Blocked',
  ConcurrentTx: 'ConcurrentTx',
  Expired: 'Expired',
  Invalid: 'Invalid',
  NoCredit: 'Invalid',
  NotAllowedTypeEVSE: 'Invalid',
  NotAtThisLocation: 'Invalid',
  NotAtThisTime: 'Invalid',
  Unknown: 'Invalid',
};

export function domainAuthorizationStatus(status: Ocpp201.AuthorizationStatusEnumType): AuthorizationStatus {
  return domainStatuses[status];
}
