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
