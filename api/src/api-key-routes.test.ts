// /api-keys through inject(): the token is answered once, the new key works at once, revoking
// ends it, and no answer ever shows a hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiKey } from '@csms/contracts';
import { sha256Hex } from './auth/api-keys.ts';
import { as, testApp } from './test-app.ts';

interface ErrorReply { error: { code: string; message: string } }

test('an admin creates a key, which works at once with its role, is listed without its hash, and stops working once revoked', async () => {
  const { app, written } = await testApp();
  const created = await app.inject({ method: 'POST', url: '/api-keys', headers: as('admin'), payload: { name: 'ops-team', role: 'operator' } });
  assert.equal(created.statusCode, 201, created.body);
  const { id, key, role, createdBy, revokedAt } = created.json<{ id: string; key: string; role: string; createdBy: string; revokedAt: null }>();
  assert.deepEqual([role, createdBy, revokedAt], ['operator', 'key:admin-key', null]);
  const record = JSON.parse(written[0]!.value!.toString('utf8')) as ApiKey;
  assert.deepEqual([written[0]!.topic, written[0]!.key, record.secretSha256], ['apiKeys', id, sha256Hex(key)]);
  assert.ok(!written[0]!.value!.toString('utf8').includes(key), 'the token is never written');

  const bearer = { authorization: `Bearer ${key}` };
  const command = await app.inject({ method: 'POST', url: '/charge-points/CP001/commands/ClearCache', headers: bearer });
  assert.equal(command.statusCode, 202, command.body);
  assert.equal((await app.inject({ method: 'GET', url: '/api-keys', headers: bearer })).statusCode, 403, 'an operator does not manage keys');

  const list = await app.inject({ method: 'GET', url: '/api-keys', headers: as('admin') });
  assert.equal(list.statusCode, 200);
  assert.ok(!list.body.includes('secretSha256') && !list.body.includes(sha256Hex(key)) && !list.body.includes(key));
  assert.deepEqual(list.json<{ items: { id: string }[] }>().items.map((k) => k.id), ['admin-key', 'operator-key', 'viewer-key', id], 'oldest first');

  const revoked = await app.inject({ method: 'DELETE', url: `/api-keys/${id}`, headers: as('admin') });
  assert.equal(revoked.statusCode, 200, revoked.body);
  assert.ok(revoked.json<{ revokedAt: string | null }>().revokedAt !== null);
  const after = await app.inject({ method: 'POST', url: '/charge-points/CP001/commands/ClearCache', headers: bearer });
  assert.deepEqual([after.statusCode, after.json<ErrorReply>().error.code], [401, 'UNAUTHENTICATED']);
  await app.close();
});

test('revoking an unknown key is 404; the last active admin key cannot be revoked', async () => {
  const { app, written } = await testApp();
  const unknown = await app.inject({ method: 'DELETE', url: '/api-keys/nope', headers: as('admin') });
  assert.deepEqual([unknown.statusCode, unknown.json<ErrorReply>().error.code], [404, 'API_KEY_NOT_FOUND']);
  const last = await app.inject({ method: 'DELETE', url: '/api-keys/admin-key', headers: as('admin') });
  assert.deepEqual([last.statusCode, last.json<ErrorReply>().error.code], [409, 'LAST_ADMIN_KEY']);
  assert.deepEqual(written, []);
  const bad = await app.inject({ method: 'POST', url: '/api-keys', headers: as('admin'), payload: { name: 'x', role: 'root' } });
  assert.equal(bad.statusCode, 400);
  await app.close();
});
