// The one authorization rule, shared by Authorize and the transaction messages of both versions
// (OCPP 1.6 §4.2, §7.18; OCPP 2.0.1 C01, E01).
import type { AuthorizationStatus, IdTag, Ocpp16, Ocpp201 } from '@csms/contracts';
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

/**
 * idTokenType: the type a 2.0.1 station presented the token as; null for a 1.6 idTag. An id tag
 * with a type matches only a token of that type; one without (every 1.6 id tag) matches any.
 */
export function authorize(idTag: string, idTags: Lookup<IdTag>, at: number, idTokenType: string | null = null): IdTagInfo {
  const tag = idTags.get(idTag);
  const typeFits = tag?.idTokenType == null || idTokenType === null || tag.idTokenType === idTokenType;
  if (tag === undefined || !typeFits) return { status: 'Invalid', expiryDate: null, parentIdTag: null };
  return { status: statusOf(tag, at), expiryDate: tag.expiryDate, parentIdTag: tag.parentIdTag };
}

export function toOcppIdTagInfo(info: IdTagInfo): Ocpp16.AuthorizeResponse['idTagInfo'] {
  return {
    status: info.status,
    ...(info.expiryDate !== null ? { expiryDate: new Date(info.expiryDate).toISOString() } : {}),
    ...(info.parentIdTag !== null ? { parentIdTag: info.parentIdTag } : {}),
  };
}

/**
 * OCPP 2.0.1 IdTokenInfoType: the same decision, with the group token as the parent (C01.FR.13)
 * and the cache expiry as expiryDate. A parent id tag has no type of its own: it goes out as Central.
 */
export function toOcpp201IdTokenInfo(info: IdTagInfo): Ocpp201.IdTokenInfoType {
  return {
    status: info.status,
    ...(info.expiryDate !== null ? { cacheExpiryDateTime: new Date(info.expiryDate).toISOString() } : {}),
    ...(info.parentIdTag !== null ? { groupIdToken: { idToken: info.parentIdTag, type: 'Central' } } : {}),
  };
}
