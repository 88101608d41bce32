import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiKeyDirectory, newApiKey, sha256Hex } from './api-keys.ts';
import { planAdminKey } from './admin-bootstrap.ts';

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
