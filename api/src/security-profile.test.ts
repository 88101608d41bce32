// POST /charge-points/{id}/security-profile with fakes: the command it sends, how it waits for
// the station's answer, and when the registry follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChargePoint, CommandRequested } from '@csms/contracts';
import { chargePointRow, commandRow, fakeDb, type FakeRow } from './test-db.ts';
import { as, testApp, type Written } from './test-app.ts';

interface ErrorReply { error: { code: string; message: string } }
const credential = {
  chargePointId: 'CP001', passwordHash: 'scrypt$4$1$1$c2FsdA==$aGFzaA==', previousPasswordHash: null, previousValidUntil: null,
  updatedAt: 0, updatedBy: null,
};

async function upgradeApp(row: FakeRow, commandStatus: string | undefined, withPassword = true) {
  const setup = await testApp({
    pool: fakeDb({ chargePoints: new Map([['CP001', row]]), command: (id) => (commandStatus === undefined ? undefined : commandRow(id, commandStatus)) }),
  });
  if (withPassword) setup.credentials.set('CP001', credential);
  return setup;
}

function post(app: Awaited<ReturnType<typeof upgradeApp>>['app'], securityProfile: number, query = '?wait=1') {
  return app.inject({ method: 'POST', url: `/charge-points/CP001/security-profile${query}`, headers: as('admin'), payload: { securityProfile } });
}

function decoded<T>(written: Written): T {
  return JSON.parse(written.value!.toString('utf8')) as T;
}

test('accepted: ChangeConfiguration(SecurityProfile) is sent, then the registry takes the new profile, keeping the rest', async () => {
  const { app, written } = await upgradeApp(chargePointRow('CP001', { security_profile: 1, name: 'Depot', registration_status: 'Pending' }), 'Accepted');
  const response = await post(app, 2);
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(written.map((w) => w.topic), ['commandRequests', 'chargePoints']);
  const command = decoded<CommandRequested>(written[0]!);
  assert.deepEqual(JSON.parse(command.payload), { key: 'SecurityProfile', value: '2' });
  assert.equal(command.requestedBy, 'key:admin-key');
  const registration = decoded<ChargePoint>(written[1]!);
  assert.deepEqual([registration.securityProfile, registration.name, registration.registrationStatus, registration.updatedBy], [2, 'Depot', 'Pending', 'key:admin-key']);
  assert.deepEqual([response.json().upgraded, response.json().securityProfile, response.json().command.status], [true, 2, 'Accepted']);
  await app.close();
});

test('refused by the station: nothing changes in the registry', async () => {
  const { app, written } = await upgradeApp(chargePointRow('CP001', { security_profile: 1 }), 'Rejected');
  const response = await post(app, 2);
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual([response.json().upgraded, response.json().securityProfile], [false, 1]);
  assert.deepEqual(written.map((w) => w.topic), ['commandRequests']);
  await app.close();
});

test('no answer within the wait: 202 with the command to follow, the registry unchanged', async () => {
  const { app, written } = await upgradeApp(chargePointRow('CP001', { security_profile: 0 }), 'Sent');
  const response = await post(app, 1);
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual([response.json().upgraded, response.json().command.status], [false, 'Sent']);
  assert.deepEqual(written.map((w) => w.topic), ['commandRequests']);
  await app.close();
});

test('no downgrade, no password profile without a password, no unregistered station; the same profile is a no-op', async () => {
  const cases: [FakeRow, boolean, number, number, string][] = [
    [chargePointRow('CP001', { security_profile: 2 }), true, 1, 409, 'SECURITY_PROFILE_DOWNGRADE'],
    [chargePointRow('CP001', { security_profile: 0 }), false, 1, 409, 'PASSWORD_NOT_SET'],
    [chargePointRow('CP001', { registered: false, security_profile: null }), true, 1, 404, 'CHARGE_POINT_NOT_FOUND'],
  ];
  for (const [row, withPassword, to, status, code] of cases) {
    const { app, written } = await upgradeApp(row, 'Accepted', withPassword);
    const response = await post(app, to);
    assert.deepEqual([response.statusCode, response.json<ErrorReply>().error.code], [status, code]);
    assert.deepEqual(written, []);
    await app.close();
  }
  const { app, written } = await upgradeApp(chargePointRow('CP001', { security_profile: 3 }), 'Accepted');
  const same = await post(app, 3);
  assert.deepEqual([same.statusCode, same.json().upgraded, same.json().command], [200, false, null]);
  assert.deepEqual(written, []);
  await app.close();
});

test('profile 3 (client certificates) needs no password', async () => {
  const { app, written } = await upgradeApp(chargePointRow('CP001', { security_profile: 0 }), 'Accepted', false);
  assert.equal((await post(app, 3)).statusCode, 200);
  assert.equal(written.length, 2);
  await app.close();
});
