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

const network = { configurationSlot: 2, ocppCsmsUrl: 'wss://csms.example.com:4443/ocpp' };

/** A 2.0.1 station whose commands end with `statuses`, one per command in the order they are sent. */
async function upgradeApp201(statuses: readonly string[], securityProfile = 1) {
  const seen = new Map<string, string | undefined>();
  const setup = await testApp({
    pool: fakeDb({
      chargePoints: new Map([['CP001', chargePointRow('CP001', { security_profile: securityProfile, protocol: 'ocpp2.0.1' })]]),
      command: (id) => {
        if (!seen.has(id)) seen.set(id, statuses[seen.size]);
        const status = seen.get(id);
        return status === undefined ? undefined : commandRow(id, status);
      },
    }),
  });
  setup.credentials.set('CP001', credential);
  return setup;
}

function post201(app: Awaited<ReturnType<typeof upgradeApp201>>['app'], body: object) {
  return app.inject({ method: 'POST', url: '/charge-points/CP001/security-profile?wait=1', headers: as('admin'), payload: body });
}

test('2.0.1 (A05): SetNetworkProfile at the new profile, its slot first in NetworkConfigurationPriority, Reset OnIdle, then the registry', async () => {
  const { app, written } = await upgradeApp201(['Accepted', 'Accepted', 'Accepted']);
  const response = await post201(app, { securityProfile: 2, networkProfile: network });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(written.map((w) => w.topic), ['commandRequests', 'commandRequests', 'commandRequests', 'chargePoints']);
  const commands = written.slice(0, 3).map((w) => decoded<CommandRequested>(w));
  assert.deepEqual(commands.map((c) => [c.action, JSON.parse(c.payload)]), [
    ['SetNetworkProfile', { configurationSlot: 2, connectionData: {
      ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: 'wss://csms.example.com:4443/ocpp', messageTimeout: 30, securityProfile: 2, ocppInterface: 'Wired0',
    } }],
    ['SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: '2' }] }],
    ['Reset', { type: 'OnIdle' }],
  ]);
  assert.equal(decoded<ChargePoint>(written[3]!).securityProfile, 2);
  assert.deepEqual([response.json().upgraded, response.json().commands.map((c: { action: string }) => c.action)], [true, ['SetNetworkProfile', 'SetVariables', 'Reset']]);
  await app.close();
});

test('2.0.1: a refused step ends the upgrade there, the registry unchanged; a step not answered in time is a 202', async () => {
  const refused = await upgradeApp201(['Accepted', 'Rejected']);
  const response = await post201(refused.app, { securityProfile: 2, networkProfile: network });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual([response.json().upgraded, response.json().securityProfile, response.json().command.status], [false, 1, 'Rejected']);
  assert.deepEqual(refused.written.map((w) => decoded<CommandRequested>(w).action), ['SetNetworkProfile', 'SetVariables']);
  await refused.app.close();

  const pending = await upgradeApp201(['Sent']);
  const late = await post201(pending.app, { securityProfile: 2, networkProfile: network });
  assert.deepEqual([late.statusCode, late.json().upgraded, late.json().commands.length], [202, false, 1]);
  await pending.app.close();
});

test('2.0.1 needs a network profile whose scheme fits the profile and whose fields fit the schema; 1.6 takes none', async () => {
  const cases: [object, RegExp][] = [
    [{ securityProfile: 2 }, /networkProfile is required: CP001 speaks OCPP 2\.0\.1/],
    [{ securityProfile: 2, networkProfile: { ...network, ocppCsmsUrl: 'ws://csms.example.com/ocpp' } }, /security profile 2 connects over wss:\/\//],
    [{ securityProfile: 2, networkProfile: { ...network, ocppInterface: 'Carrier pigeon' } }, /invalid SetNetworkProfile/],
  ];
  for (const [body, message] of cases) {
    const { app, written } = await upgradeApp201(['Accepted', 'Accepted', 'Accepted']);
    const response = await post201(app, body);
    assert.equal(response.statusCode, 400, response.body);
    assert.match(response.json<ErrorReply>().error.message, message);
    assert.deepEqual(written, []);
    await app.close();
  }
  const { app, written } = await upgradeApp(chargePointRow('CP001', { security_profile: 1 }), 'Accepted');
  const oneSix = await app.inject({
    method: 'POST', url: '/charge-points/CP001/security-profile', headers: as('admin'), payload: { securityProfile: 2, networkProfile: network },
  });
  assert.deepEqual([oneSix.statusCode, oneSix.json<ErrorReply>().error.message], [400, 'body/networkProfile: CP001 speaks OCPP 1.6, which has no network profiles; leave it out']);
  assert.deepEqual(written, []);
  await app.close();
});

test('the route says that running it again after a 202 sends the whole sequence again', async () => {
  const { app } = await testApp();
  const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, { post?: { description?: string } }> }>();
  const description = spec.paths['/charge-points/{id}/security-profile']?.post?.description ?? '';
  assert.match(description, /Running the request again \(once it is answered\) sends the whole sequence again from its first call, those already Accepted included \(for 2\.0\.1, a second Reset\)/);
  await app.close();
});
