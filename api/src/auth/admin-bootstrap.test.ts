import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import type { ApiKey } from '@csms/contracts';
import type { ConfigWriter } from '../app-options.ts';
import { apiKeyDirectory, newApiKey, sha256Hex, type FollowedApiKeys } from './api-keys.ts';
import { BOOTSTRAP_KEY_ID, bootstrapAdminKey, planAdminKey } from './admin-bootstrap.ts';

const T0 = Date.parse('2025-01-15T10:00:00Z');
const CONFIGURED = 'configured-admin-key-0123456789abcdefghij';

test('with no key at all, a random admin key is generated', () => {
  const plan = planAdminKey(apiKeyDirectory(), null, T0);
  assert.equal(plan.kind, 'create');
  if (plan.kind !== 'create') return;
  assert.equal(plan.source, 'generated');
  assert.equal(plan.record.role, 'admin');
  assert.equal(plan.record.secretSha256, sha256Hex(plan.token));
  assert.equal(plan.record.createdBy, 'csms:api');
});

test('every instance plans the generated key under the same id, so the topic keeps one', () => {
  const [a, b] = [planAdminKey(apiKeyDirectory(), null, T0), planAdminKey(apiKeyDirectory(), null, T0)];
  assert.ok(a.kind === 'create' && b.kind === 'create');
  assert.deepEqual([a.record.id, b.record.id], [BOOTSTRAP_KEY_ID, BOOTSTRAP_KEY_ID]);
  assert.notEqual(a.token, b.token);
});

test('an active admin key means nothing to do; a revoked one or another role does not count', () => {
  const keys = apiKeyDirectory();
  const admin = newApiKey({ name: 'a', role: 'admin', createdBy: null, createdAt: T0 }).record;
  const operator = newApiKey({ name: 'o', role: 'operator', createdBy: null, createdAt: T0 }).record;
  keys.apply(operator.id, operator);
  keys.apply(admin.id, { ...admin, revokedAt: T0 });
  assert.equal(planAdminKey(keys, null, T0).kind, 'create');
  keys.apply(admin.id, admin);
  assert.deepEqual(planAdminKey(keys, null, T0), { kind: 'present' });
});

test('a configured key becomes an admin key with an id derived from its hash, once', () => {
  const keys = apiKeyDirectory();
  const other = newApiKey({ name: 'a', role: 'admin', createdBy: null, createdAt: T0 }).record;
  keys.apply(other.id, other);
  const plan = planAdminKey(keys, CONFIGURED, T0);
  assert.equal(plan.kind, 'create');
  if (plan.kind !== 'create') return;
  assert.deepEqual([plan.source, plan.token, plan.record.role], ['configured', CONFIGURED, 'admin']);
  assert.equal(plan.record.id, `admin-${sha256Hex(CONFIGURED).slice(0, 12)}`);
  assert.deepEqual(planAdminKey(keys, CONFIGURED, T0 + 1), plan.kind === 'create' ? { ...plan, record: { ...plan.record, createdAt: T0 + 1 } } : plan,
    'the same record on every start until it is followed back');
  keys.apply(plan.record.id, plan.record);
  assert.deepEqual(planAdminKey(keys, CONFIGURED, T0 + 2), { kind: 'present' });
  keys.apply(plan.record.id, { ...plan.record, revokedAt: T0 + 3 });
  assert.deepEqual(planAdminKey(keys, CONFIGURED, T0 + 4), { kind: 'revoked', id: plan.record.id }, 'a revoked configured key stays revoked');
});

interface Bootstrap { readonly keys: FollowedApiKeys; readonly printed: string[]; readonly logs: string[]; readonly run: () => Promise<void> }

/**
 * An instance starting on an empty api-keys topic. Its writer applies, as following the topic
 * would, what lands there once it wrote `ours`: by default just that, in a race also what
 * another instance wrote under the same key.
 */
function instance(landed: (ours: ApiKey) => ApiKey[] = (ours) => [ours]): Bootstrap {
  const keys = apiKeyDirectory();
  const printed: string[] = [];
  const logs: string[] = [];
  const writer: ConfigWriter = {
    write: async ({ value }) => {
      for (const record of landed(JSON.parse(value!.toString('utf8')) as ApiKey)) keys.apply(record.id, record);
    },
  };
  const run = () => bootstrapAdminKey({
    keys, configuredKey: null, keyFile: null, clock: () => T0, writer,
    serde: { encode: async (_topic, value) => Buffer.from(JSON.stringify(value)) },
    logger: pino({ level: 'info' }, { write: (line: string) => { logs.push(line); } }), print: (line) => { printed.push(line); },
  });
  return { keys, printed, logs, run };
}

test('the generated key is revealed once its record is read back as written', async () => {
  const alone = instance();
  await alone.run();
  assert.equal(alone.printed.length, 1);
  const token = /: (csms_\S+)/.exec(alone.printed[0]!)![1]!;
  assert.equal(alone.keys.byId(BOOTSTRAP_KEY_ID)!.secretSha256, sha256Hex(token));
});

test('an instance whose record is not the one stored reveals nothing and says another instance created it', async () => {
  const theirs = { ...newApiKey({ name: 'first admin', role: 'admin', createdBy: 'csms:api', createdAt: T0 }).record, id: BOOTSTRAP_KEY_ID };
  // The other instance's record lands after ours: the compacted topic keeps theirs.
  const racing = instance((ours) => [ours, theirs]);
  await racing.run();
  assert.deepEqual(racing.printed, [], 'no token that does not work is shown');
  assert.equal(racing.keys.byId(BOOTSTRAP_KEY_ID)!.secretSha256, theirs.secretSha256);
  assert.ok(racing.logs.some((line) => line.includes('another api instance created the first admin API key')));
});
