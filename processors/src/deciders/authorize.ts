// The one authorization rule, shared by Authorize and StartTransaction (OCPP 1.6 §4.2, §7.18).
import type { AuthorizationStatus, IdTag, Ocpp16 } from '@csms/contracts';
import type { Lookup } from './context.ts';

export interface IdTagInfo {
  readonly status: AuthorizationStatus;
  readonly expiryDate: number | null;
  readonly parentIdTag: string | null;
}

// Order matters: a blocked card stays Blocked even when also out of date.
function statusOf(tag: IdTag, at: number): AuthorizationStatus {
  if (tag.status === 'Blocked') return 'Blocked';
  if (tag.status === 'Expired' || (tag.expiryDate !== null && tag.expiryDate <= at)) return 'Expired';
  if (tag.status === 'Invalid') return 'Invalid';
  return 'Accepted';
}

export function authorize(idTag: string, idTags: Lookup<IdTag>, at: number): IdTagInfo {
  const tag = idTags.get(idTag);
  if (tag === undefined) return { status: 'Invalid', expiryDate: null, parentIdTag: null };
  return { status: statusOf(tag, at), expiryDate: tag.expiryDate, parentIdTag: tag.parentIdTag };
}

export function toOcppIdTagInfo(info: IdTagInfo): Ocpp16.AuthorizeResponse['idTagInfo'] {
  return {
    status: info.status,
    ...(info.expiryDate !== null ? { expiryDate: new Date(info.expiryDate).toISOString() } : {}),
    ...(info.parentIdTag !== null ? { parentIdTag: info.parentIdTag } : {}),
  };
}
