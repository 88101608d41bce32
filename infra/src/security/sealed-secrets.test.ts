import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { asSecretsKey, createSecretSealer, isSealed } from './sealed-secrets.ts';

test('a sealed value opens to its plaintext with the same key only', () => {
  const sealer = createSecretSealer(randomBytes(32));
  const sealed = sealer.seal('0123456789abcdef');
  assert.ok(isSealed(sealed));
  assert.ok(!sealed.includes('0123456789abcdef'));
  assert.equal(sealer.open(sealed), '0123456789abcdef');
  assert.throws(() => createSecretSealer(randomBytes(32)).open(sealed));
});

test('an altered sealed value is refused', () => {
  const sealer = createSecretSealer(randomBytes(32));
  const sealed = sealer.seal('0123456789abcdef');
  const last = sealed.at(-1) === 'A' ? 'B' : 'A';
  assert.throws(() => sealer.open(sealed.slice(0, -1) + last));
  assert.throws(() => sealer.open('0123456789abcdef'));
});

test('the key setting is 32 bytes of base64', () => {
  assert.equal(asSecretsKey(randomBytes(32).toString('base64')).length, 32);
  assert.throws(() => asSecretsKey(randomBytes(16).toString('base64')), /32 bytes/);
});
