// The first admin key, created at start-up once the api-keys topic is read to its end, so a
// fresh system can be managed at all:
// - CSMS_ADMIN_API_KEY set: that exact token is an admin key (scripts and tests rely on it). Its
//   id derives from its hash, so restarts and several api instances write the same record; a
//   key an admin revoked stays revoked.
// - otherwise, only when no active admin key exists: a random one under one fixed id, written to
//   CSMS_ADMIN_API_KEY_FILE (mode 0600) when set, else printed once to stdout. Several instances
//   starting together may each create one: they all write the same record key, so the compacted
//   topic keeps one, and an instance reveals its token only if the record it reads back is its
//   own (the same hash); the others say another instance created it. Kafka has no compare-and-set:
//   if another instance's record lands after this one read its own back, the token revealed here
//   stops working, but never are two bootstrap keys valid at once.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApiKey, Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { ConfigWriter } from '../app-options.ts';
import { awaitVisible } from '../read-your-writes.ts';
import { isActive, newApiKey, sha256Hex, type ApiKeyDirectory } from './api-keys.ts';

const BOOTSTRAP_PRINCIPAL = 'csms:api';
/** The id of every generated first admin key, whichever instance creates it. */
export const BOOTSTRAP_KEY_ID = 'admin-bootstrap';

type AdminKeyPlan =
  | { readonly kind: 'present' }
  /** The configured key exists but was revoked: it stays so. */
  | { readonly kind: 'revoked'; readonly id: string }
  | { readonly kind: 'create'; readonly record: ApiKey; readonly token: string; readonly source: 'configured' | 'generated' };

export function planAdminKey(keys: ApiKeyDirectory, configuredKey: string | null, now: number): AdminKeyPlan {
  if (configuredKey !== null) {
    const secretSha256 = sha256Hex(configuredKey);
    const known = keys.bySecretSha256(secretSha256);
    if (known !== undefined) return isActive(known) ? { kind: 'present' } : { kind: 'revoked', id: known.id };
    const record: ApiKey = {
      id: `admin-${secretSha256.slice(0, 12)}`, name: 'admin (CSMS_ADMIN_API_KEY)', role: 'admin', secretSha256,
      createdAt: now, createdBy: BOOTSTRAP_PRINCIPAL, revokedAt: null,
    };
    return { kind: 'create', record, token: configuredKey, source: 'configured' };
  }
  if (keys.list().some((key) => key.role === 'admin' && isActive(key))) return { kind: 'present' };
  const { record, token } = newApiKey({ name: 'first admin', role: 'admin', createdBy: BOOTSTRAP_PRINCIPAL, createdAt: now });
  return { kind: 'create', record: { ...record, id: BOOTSTRAP_KEY_ID }, token, source: 'generated' };
}

/** Writes a secret to a file only its owner may read (created so, and tightened if it existed). */
function writeSecretFile(path: string, secret: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

interface AdminBootstrapOptions {
  readonly keys: ApiKeyDirectory;
  readonly configuredKey: string | null;
  readonly keyFile: string | null;
  readonly clock: () => number;
  readonly writer: ConfigWriter;
  readonly serde: Pick<Serde, 'encode'>;
  readonly logger: Logger;
  /** Where a generated key goes when there is no key file: stdout, once. */
  readonly print: (line: string) => void;
}

/** The record under the key's id once one other than `previous` is followed back from the topic. */
async function readBack(options: AdminBootstrapOptions, id: string, previous: ApiKey | undefined): Promise<ApiKey> {
  const shown = await awaitVisible(async () => options.keys.byId(id), (key) => key !== undefined && key !== previous, {
    timeoutMs: 30_000, intervalMs: 50, clock: options.clock,
  });
  if (!shown.visible || shown.value === undefined) {
    throw new Error(`the admin key ${id} was written but not read back from the api-keys topic within 30 s`);
  }
  return shown.value;
}

function reveal(options: AdminBootstrapOptions, token: string): void {
  if (options.keyFile !== null) {
    writeSecretFile(options.keyFile, token);
    options.logger.info({ file: options.keyFile }, 'admin API key written');
    return;
  }
  options.print(`\nThe first admin API key (shown once; keep it): ${token}\n`);
}

/** Resolves once the new key is followed back from the topic (so it authenticates from the first request). */
export async function bootstrapAdminKey(options: AdminBootstrapOptions): Promise<void> {
  const plan = planAdminKey(options.keys, options.configuredKey, options.clock());
  if (plan.kind === 'present') return;
  if (plan.kind === 'revoked') {
    options.logger.warn({ apiKeyId: plan.id }, 'CSMS_ADMIN_API_KEY names a revoked key; it stays revoked');
    return;
  }
  const { record, token, source } = plan;
  const previous = options.keys.byId(record.id);
  await options.writer.write({ topic: 'apiKeys', key: record.id, value: await options.serde.encode('apiKeys', record) });
  const stored = await readBack(options, record.id, previous);
  if (stored.secretSha256 !== record.secretSha256) {
    options.logger.warn({ apiKeyId: record.id }, 'another api instance created the first admin API key; its token is where that instance put it');
    return;
  }
  options.logger.info({ apiKeyId: record.id, source }, 'admin API key created');
  if (source === 'generated') reveal(options, token);
}
