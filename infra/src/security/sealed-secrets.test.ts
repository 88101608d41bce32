import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { asSecretsKey, createSecretSealer, isSealed } from './sealed-secrets.ts';

const FOR_CP001 = { chargePointId: 'CP001', key: 'AuthorizationKey' };

test('a sealed value opens to its plaintext with the same key only', () => {
  const sealer = createSecretSealer(randomBytes(32));
  const sealed = sealer.seal('0123456789abcdef', FOR_CP001);
  assert.ok(isSealed(sealed));
  assert.ok(!sealed.includes('0123456789abcdef'));
  assert.equal(sealer.open(sealed, FOR_CP001), '0123456789abcdef');
  assert.throws(() => createSecretSealer(randomBytes(32)).open(sealed, FOR_CP001));
});

test('a sealed value opens only for the station and configuration key it was sealed for', () => {
  const sealer = createSecretSealer(randomBytes(32));
  const sealed = sealer.seal('0123456789abcdef', FOR_CP001);
  assert.throws(() => sealer.open(sealed, { chargePointId: 'CP002', key: 'AuthorizationKey' }), 'another station');
  assert.throws(() => sealer.open(sealed, { chargePointId: 'CP001', key: 'MeterValueSampleInterval' }), 'another key');
  assert.throws(() => sealer.open(sealed, { chargePointId: 'CP001AuthorizationKey', key: '' }), 'the same bytes split otherwise');
  assert.equal(sealer.open(sealed, { chargePointId: 'CP001', key: 'authorizationkey' }), '0123456789abcdef',
    'configuration keys are case-insensitive (CiString50Type)');
});

test('an altered sealed value is refused', () => {
  const sealer = createSecretSealer(randomBytes(32));
  const sealed = sealer.seal('0123456789abcdef', FOR_CP001);
  // One bit of the ciphertext flipped (a changed last character may alter only base64 padding bits).
  const prefix = 'sealed:v1:';
  const bytes = Buffer.from(sealed.slice(prefix.length), 'base64url');
  bytes[bytes.length - 1]! ^= 1;
  assert.throws(() => sealer.open(prefix + bytes.toString('base64url'), FOR_CP001));
  assert.throws(() => sealer.open('0123456789abcdef', FOR_CP001));
});

test('the key setting is 32 bytes of base64', () => {
  assert.equal(asSecretsKey(randomBytes(32).toString('base64')).length, 32);
  assert.throws(() => asSecretsKey(randomBytes(16).toString('base64')), /32 bytes/);
});
