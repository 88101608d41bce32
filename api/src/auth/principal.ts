// Who is asking: an API key (`key:<id>`) or an identity provider's subject (`sub:<subject>`).
// The id is what the api records as requestedBy / updatedBy / createdBy and what rate limits
// count against.
import type { ApiRole } from '@csms/contracts';

export interface Principal {
  readonly id: string;
  /** Null for a token that names no CSMS role: it may use public routes only. */
  readonly role: ApiRole | null;
}

export function keyPrincipal(keyId: string, role: ApiRole): Principal {
  return { id: `key:${keyId}`, role };
}

export function subjectPrincipal(subject: string, role: ApiRole | null): Principal {
  return { id: `sub:${subject}`, role };
}

/** What a request's credential established, resolved once per request. */
export type Authentication =
  | { readonly kind: 'anonymous' }
  /** A credential was presented and is not valid; `reason` is safe to show the caller. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** The credential could not be checked now (the identity provider is unreachable). */
  | { readonly kind: 'unavailable'; readonly reason: string }
  | { readonly kind: 'authenticated'; readonly principal: Principal };
