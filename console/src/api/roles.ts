// What each role may do (viewer reads; operator also commands and edits id tags; admin also
// sees dead letters), so the console hides what the api would refuse.
import type { Role } from './types.ts';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function allows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export function isRole(value: unknown): value is Role {
  return value === 'viewer' || value === 'operator' || value === 'admin';
}
