// The bearer credential of a request (RFC 6750 §2.1): `Authorization: Bearer <b64token>`.
// Anything else in the header is no credential at all, checked before any lookup.

/** RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;
/** A compact JWS (RFC 7515 §7.1): three base64url parts. API keys never contain a dot. */
const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Longer tokens are refused unread; real JWTs and API keys are far shorter. */
const MAX_TOKEN_LENGTH = 8192;
/** A configured key (CSMS_ADMIN_API_KEY) is hashed with a fast hash, so it must be long and random. */
export const MIN_CONFIGURED_KEY_LENGTH = 32;

export function isBearerToken(value: string): boolean {
  return value.length <= MAX_TOKEN_LENGTH && b64token.test(value);
}

export function looksLikeJwt(token: string): boolean {
  return compactJws.test(token);
}

export type BearerCredential =
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'token'; readonly token: string };

export function bearerCredential(header: string | undefined): BearerCredential {
  if (header === undefined || header === '') return { kind: 'none' };
  // The scheme is case-insensitive (RFC 9110 §11.1).
  const match = /^bearer +(\S+)$/i.exec(header);
  if (match?.[1] === undefined || !isBearerToken(match[1])) return { kind: 'malformed' };
  return { kind: 'token', token: match[1] };
}
