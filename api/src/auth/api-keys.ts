// Operators' API keys: random bearer tokens of which only the SHA-256 is stored, on the
// compacted api-keys topic. A fast hash is right here, unlike for passwords: a key is 256
// random bits, so there is nothing for a slow hash to protect against guessing, and a lookup
// per request must stay cheap.
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey, ApiRole } from '@csms/contracts';

/** `csms_` then 32 random bytes in base64url: a valid RFC 6750 b64token without dots. */
export function generateApiKeyToken(): string {
  return `csms_${randomBytes(32).toString('base64url')}`;
}

function generateApiKeyId(): string {
  return randomBytes(8).toString('hex');
}

export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isActive(key: ApiKey): boolean {
  return key.revokedAt === null;
}

interface NewApiKey {
  readonly record: ApiKey;
  /** The bearer token: shown once, never stored. */
  readonly token: string;
}

export function newApiKey(fields: { name: string; role: ApiRole; createdBy: string | null; createdAt: number }): NewApiKey {
  const token = generateApiKeyToken();
  return { token, record: { id: generateApiKeyId(), secretSha256: sha256Hex(token), revokedAt: null, ...fields } };
}

/** Whether revoking `key` would leave no active admin key, and so nobody able to manage keys. */
export function isLastActiveAdmin(keys: ApiKeyDirectory, key: ApiKey): boolean {
  if (key.role !== 'admin' || !isActive(key)) return false;
  return !keys.list().some((other) => other.role === 'admin' && isActive(other) && other.id !== key.id);
}

/** The record that revokes `key` at `now` (never before it was created). */
export function revokedKey(key: ApiKey, now: number): ApiKey {
  return { ...key, revokedAt: Math.max(now, key.createdAt) };
}

/** What the api and the CLI show of a key: never its hash. */
interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly role: ApiRole;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly revokedAt: string | null;
}

export function apiKeyView(key: ApiKey): ApiKeyView {
  return {
    id: key.id, name: key.name, role: key.role, createdAt: new Date(key.createdAt).toISOString(), createdBy: key.createdBy,
    revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt).toISOString(),
  };
}

/** The keys as the api knows them, found by id or by the hash of a presented token. */
export interface ApiKeyDirectory {
  byId(id: string): ApiKey | undefined;
  bySecretSha256(sha256: string): ApiKey | undefined;
  /** Oldest first. */
  list(): ApiKey[];
}

export interface FollowedApiKeys extends ApiKeyDirectory {
  /** Applies one record of the compacted topic (null: tombstone). */
  apply(id: string, key: ApiKey | null): void;
}

export function apiKeyDirectory(): FollowedApiKeys {
  const byId = new Map<string, ApiKey>();
  const idBySha = new Map<string, string>();
  return {
    byId: (id) => byId.get(id),
    bySecretSha256(sha256) {
      const id = idBySha.get(sha256);
      const key = id === undefined ? undefined : byId.get(id);
      return key?.secretSha256 === sha256 ? key : undefined;
    },
    list: () => [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
    apply(id, key) {
      const previous = byId.get(id);
      if (previous !== undefined && idBySha.get(previous.secretSha256) === id) idBySha.delete(previous.secretSha256);
      if (key === null) {
        byId.delete(id);
        return;
      }
      byId.set(id, key);
      idBySha.set(key.secretSha256, id);
    },
  };
}
