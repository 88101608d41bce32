import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashStationPassword, stationPasswordProblem, verifyStationPassword } from './station-passwords.ts';

const cheap = { log2N: 10, r: 8, p: 1 };

test('a hash verifies its own password and no other', async () => {
  const stored = await hashStationPassword('correct-horse-battery', cheap);
  assert.match(stored, /^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.equal(await verifyStationPassword('correct-horse-battery', stored), true);
  assert.equal(await verifyStationPassword('correct-horse-batterz', stored), false);
  assert.equal(await verifyStationPassword('', stored), false);
});

test('two hashes of one password differ (salted)', async () => {
  assert.notEqual(await hashStationPassword('correct-horse-battery', cheap), await hashStationPassword('correct-horse-battery', cheap));
});

test('an unreadable stored hash never verifies', async () => {
  for (const stored of ['', 'plain', 'bcrypt$1$2$3$a$b', 'scrypt$99$8$1$AAAA$AAAA', 'scrypt$x$8$1$AAAA$AAAA']) {
    assert.equal(await verifyStationPassword('correct-horse-battery', stored), false, stored);
  }
});

test('the whitepaper length rule and printable characters', () => {
  assert.equal(stationPasswordProblem('0123456789abcdef'), null);
  assert.equal(stationPasswordProblem('0123456789abcdef0123456789abcdef01234567'), null);
  assert.match(stationPasswordProblem('short') ?? '', /16 to 40/);
  assert.match(stationPasswordProblem('x'.repeat(41)) ?? '', /16 to 40/);
  assert.match(stationPasswordProblem('has a space in it ok') ?? '', /printable/);
  assert.match(stationPasswordProblem('nul\u0000nul\u0000nul\u0000nul\u0000') ?? '', /printable/);
});
