import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiKey } from '@csms/contracts';
import { apiKeyDirectory, apiKeyView, generateApiKeyToken, newApiKey, sha256Hex } from './api-keys.ts';
import { createAuthenticator } from './authentication.ts';
import { bearerCredential, isBearerToken, looksLikeJwt } from './bearer.ts';

const T0 = Date.parse('2025-01-15T10:00:00Z');

test('only the SHA-256 of the whole token is stored', () => {
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const { record, token } = newApiKey({ name: 'ops', role: 'operator', createdBy: 'key:k1', createdAt: T0 });
  assert.equal(record.secretSha256, sha256Hex(token));
  assert.ok(!JSON.stringify(record).includes(token), 'the record never holds the token');
  assert.deepEqual([record.name, record.role, record.createdBy, record.createdAt, record.revokedAt], ['ops', 'operator', 'key:k1', T0, null]);
});

test('tokens are long, random, valid bearer tokens that never look like a JWT', () => {
  const tokens = new Set(Array.from({ length: 50 }, generateApiKeyToken));
  assert.equal(tokens.size, 50);
  for (const token of tokens) {
    assert.match(token, /^csms_[A-Za-z0-9_-]{43}$/);
    assert.ok(isBearerToken(token));
    assert.ok(!looksLikeJwt(token));
  }
});

test('the directory finds a key by id and by the hash of its token, and follows updates and tombstones', () => {
  const keys = apiKeyDirectory();
  const { record, token } = newApiKey({ name: 'a', role: 'viewer', createdBy: null, createdAt: T0 });
  keys.apply(record.id, record);
  assert.equal(keys.bySecretSha256(sha256Hex(token))?.id, record.id);
  assert.equal(keys.bySecretSha256(sha256Hex(`${token}x`)), undefined);
  keys.apply(record.id, { ...record, revokedAt: T0 + 1 });
  assert.equal(keys.bySecretSha256(sha256Hex(token))?.revokedAt, T0 + 1, 'a revoked key is still found, and known revoked');
  const rehashed: ApiKey = { ...record, secretSha256: sha256Hex('other') };
  keys.apply(record.id, rehashed);
  assert.equal(keys.bySecretSha256(sha256Hex(token)), undefined, 'an old hash no longer finds the key');
  keys.apply(record.id, null);
  assert.equal(keys.byId(record.id), undefined);
  assert.equal(keys.bySecretSha256(sha256Hex('other')), undefined);
});

test('a key authenticates as key:<id> with its role until it is revoked', async () => {
  const keys = apiKeyDirectory();
  const { record, token } = newApiKey({ name: 'a', role: 'operator', createdBy: null, createdAt: T0 });
  keys.apply(record.id, record);
  const authenticator = createAuthenticator({ apiKeys: keys, jwt: null });
  assert.deepEqual(await authenticator.authenticate(bearerCredential(`Bearer ${token}`)), {
    kind: 'authenticated', principal: { id: `key:${record.id}`, role: 'operator' },
  });
  keys.apply(record.id, { ...record, revokedAt: T0 + 5 });
  assert.deepEqual(await authenticator.authenticate(bearerCredential(`Bearer ${token}`)), { kind: 'refused', reason: 'unknown or revoked API key' });
  assert.deepEqual(await authenticator.authenticate(bearerCredential(undefined)), { kind: 'anonymous' });
  assert.equal((await authenticator.authenticate(bearerCredential(`Token ${token}`))).kind, 'refused');
});

test('the view of a key never shows its hash', () => {
  const { record } = newApiKey({ name: 'a', role: 'admin', createdBy: 'sub:alice', createdAt: T0 });
  assert.deepEqual(apiKeyView({ ...record, revokedAt: T0 + 1 }), {
    id: record.id, name: 'a', role: 'admin', createdAt: '2025-01-15T10:00:00.000Z', createdBy: 'sub:alice', revokedAt: '2025-01-15T10:00:00.001Z',
  });
});

test('the Authorization header is parsed as RFC 6750 says', () => {
  assert.deepEqual(bearerCredential('Bearer abc.def-_~+/=='), { kind: 'token', token: 'abc.def-_~+/==' });
  assert.deepEqual(bearerCredential('BEARER   abc'), { kind: 'token', token: 'abc' });
  for (const header of ['Bearer', 'Bearer ', 'Bearer a b', 'Bearer a\u00e9', 'Basic abc', `Bearer ${'a'.repeat(8193)}`, 'Bearer =abc']) {
    assert.deepEqual(bearerCredential(header), { kind: 'malformed' }, header);
  }
  assert.deepEqual(bearerCredential(''), { kind: 'none' });
});
