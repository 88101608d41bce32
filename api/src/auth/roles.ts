// Operators' roles, each allowing what the one below it does: a viewer reads; an operator also
// sends commands and edits id tags; an admin also manages charge points, station credentials,
// API keys and dead letters.
import type { ApiRole } from '@csms/contracts';

export type { ApiRole } from '@csms/contracts';
/** What a route needs: a role, or nothing at all (health, the OpenAPI docs). */
export type RouteAccess = 'public' | ApiRole;

export const API_ROLES: readonly ApiRole[] = ['viewer', 'operator', 'admin'];

const rank: Record<ApiRole, number> = { viewer: 0, operator: 1, admin: 2 };

export function isApiRole(value: unknown): value is ApiRole {
  return typeof value === 'string' && (API_ROLES as readonly string[]).includes(value);
}

/** Whether `role` may use a route that needs `needed`; no role allows only public routes. */
export function allows(role: ApiRole | null, needed: RouteAccess): boolean {
  if (needed === 'public') return true;
  return role !== null && rank[role] >= rank[needed];
}

/** The highest of the roles named (unknown names ignored); null when none is a role. */
export function highestRole(names: readonly unknown[]): ApiRole | null {
  let best: ApiRole | null = null;
  for (const name of names) {
    if (isApiRole(name) && (best === null || rank[name] > rank[best])) best = name;
  }
  return best;
}
