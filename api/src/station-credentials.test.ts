// The registry's credential fields through the routes, with fakes at the ports: what is written
// to Kafka, what is answered, and that the password appears in neither, nor in the logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { ChargePoint, CommandRequested, StationCredential } from '@csms/contracts';
import { createSecretSealer, isSealed, verifyStationPassword } from '@csms/infra';
import { chargePointRow, commandRow, fakeDb, type FakeRow } from './test-db.ts';
import { as, cheapHash, testApp, TEST_NOW, type TestOverrides, type Written } from './test-app.ts';

const PASSWORD = 'correct-horse-battery-42';
const OLD_HASH = 'scrypt$4$1$1$b2xk$b2xk';
interface ErrorReply { error: { code: string; message: string } }

function decoded<T>(written: Written): T {
  return JSON.parse(written.value!.toString('utf8')) as T;
}

function onTopic<T>(written: readonly Written[], topic: string): T[] {
  return written.filter((w) => w.topic === topic).map((w) => decoded<T>(w));
}

/** Logs at every level into `lines`. */
function capturingLogger(lines: string[]): pino.Logger {
  return pino({ level: 'trace' }, { write: (line: string) => { lines.push(line); } });
}

async function app(rows: FakeRow[] = [], overrides: TestOverrides = {}, credentials: StationCredential[] = []) {
  const setup = await testApp({ pool: fakeDb({ chargePoints: new Map(rows.map((row) => [String(row.id), row])) }), ...overrides });
  for (const credential of credentials) setup.credentials.set(credential.chargePointId, credential);
  return setup;
}

const oldCredential: StationCredential = {
  chargePointId: 'CP001', passwordHash: OLD_HASH, previousPasswordHash: null, previousValidUntil: null, updatedAt: TEST_NOW - 5_000, updatedBy: 'key:k0',
};

test('a registration with a password writes its hash first, then the registration; neither answer nor log holds the password', async () => {
  const logs: string[] = [];
  const { app: api, written } = await app([], { logger: capturingLogger(logs) });
  const response = await api.inject({
    method: 'POST', url: '/charge-points', headers: as('admin'), payload: { id: 'CP-NEW', securityProfile: 1, basicAuthPassword: PASSWORD },
  });
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual(written.map((w) => w.topic), ['stationCredentials', 'chargePoints']);
  const [credential] = onTopic<StationCredential>(written, 'stationCredentials');
  assert.ok(await verifyStationPassword(PASSWORD, credential!.passwordHash));
  assert.deepEqual([credential!.previousPasswordHash, credential!.updatedBy], [null, 'key:admin-key']);
  const [registration] = onTopic<ChargePoint>(written, 'chargePoints');
  assert.deepEqual([registration!.securityProfile, registration!.updatedBy], [1, 'key:admin-key']);
  assert.equal(response.json().passwordSet, true);
  assert.equal(response.json().securityProfile, 1);
  for (const text of [response.body, ...written.map((w) => w.value?.toString('utf8') ?? ''), ...logs]) assert.ok(!text.includes(PASSWORD));
  assert.ok(logs.length > 0, 'the request was logged');
  await api.close();
});

test('profiles 1 and 2 need a password; a bad one is refused without being quoted', async () => {
  const { app: api, written } = await app();
  const missing = await api.inject({ method: 'POST', url: '/charge-points', headers: as('admin'), payload: { id: 'CP-NEW', securityProfile: 2 } });
  assert.deepEqual([missing.statusCode, missing.json<ErrorReply>().error.code], [409, 'PASSWORD_NOT_SET']);
  for (const password of ['has spaces in it, sadly', 'short', 'x'.repeat(41), 'tab\there-0123456789']) {
    const bad = await api.inject({ method: 'POST', url: '/charge-points', headers: as('admin'), payload: { id: 'CP-NEW', basicAuthPassword: password } });
    assert.equal(bad.statusCode, 400, password);
    assert.ok(!bad.body.includes(password));
  }
  const profile = await api.inject({ method: 'POST', url: '/charge-points', headers: as('admin'), payload: { id: 'CP-NEW', securityProfile: 4 } });
  assert.equal(profile.statusCode, 400);
  assert.deepEqual(written, []);
  await api.close();
});

test('a PUT that does not mention the profile or the password keeps them', async () => {
  const { app: api, written } = await app([chargePointRow('CP001', { security_profile: 2, name: 'Old' })], {}, [oldCredential]);
  const response = await api.inject({ method: 'PUT', url: '/charge-points/CP001', headers: as('admin'), payload: { name: 'New' } });
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual(written.map((w) => w.topic), ['chargePoints']);
  const [registration] = onTopic<ChargePoint>(written, 'chargePoints');
  assert.deepEqual([registration!.name, registration!.securityProfile, registration!.registrationStatus], ['New', 2, 'Accepted']);
  await api.close();
});

test('deleting a registration removes its password too', async () => {
  const { app: api, written } = await app([chargePointRow('CP001')], {}, [oldCredential]);
  const response = await api.inject({ method: 'DELETE', url: '/charge-points/CP001', headers: as('admin') });
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual(written.map((w) => [w.topic, w.key, w.value]), [['stationCredentials', 'CP001', null], ['chargePoints', 'CP001', null]]);
  await api.close();
});

test('PUT /password without setOnStation replaces the password at once and sends nothing to the station', async () => {
  const { app: api, written } = await app([chargePointRow('CP001')], {}, [oldCredential]);
  const response = await api.inject({ method: 'PUT', url: '/charge-points/CP001/password', headers: as('admin'), payload: { basicAuthPassword: PASSWORD } });
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual(written.map((w) => w.topic), ['stationCredentials']);
  const [credential] = onTopic<StationCredential>(written, 'stationCredentials');
  assert.deepEqual([credential!.previousPasswordHash, credential!.previousValidUntil], [null, null]);
  assert.ok(credential!.updatedAt > oldCredential.updatedAt);
  assert.equal(response.json().commandId, null);
  await api.close();
});

test('setOnStation without CSMS_SECRETS_KEY is refused before anything is written', async () => {
  const { app: api, written } = await app([chargePointRow('CP001')], {}, [oldCredential]);
  const response = await api.inject({
    method: 'PUT', url: '/charge-points/CP001/password', headers: as('admin'), payload: { basicAuthPassword: PASSWORD, setOnStation: true },
  });
  assert.deepEqual([response.statusCode, response.json<ErrorReply>().error.code], [409, 'SECRETS_KEY_NOT_SET']);
  assert.deepEqual(written, []);
  await api.close();
});

const rotate = (query = '?timeout=60&wait=0') => ({
  method: 'PUT' as const, url: `/charge-points/CP001/password${query}`, headers: as('admin'), payload: { basicAuthPassword: PASSWORD, setOnStation: true },
});

/**
 * An app whose password command reads back with `status` (undefined: not projected yet), for a
 * station whose latest connection spoke `protocol` (undefined: it never connected).
 */
async function rotationApp(status: string | undefined, credentials: StationCredential[] = [oldCredential], logs: string[] = [], protocol?: string) {
  const sealer = createSecretSealer(randomBytes(32));
  const setup = await testApp({
    logger: capturingLogger(logs), stationSecurity: { sealer, passwordGraceMs: 3_600_000, hashPassword: cheapHash },
    pool: fakeDb({
      chargePoints: new Map([['CP001', chargePointRow('CP001', { protocol: protocol ?? null })]]),
      command: (id) => (status === undefined ? undefined : commandRow(id, status)),
    }),
  });
  for (const credential of credentials) setup.credentials.set(credential.chargePointId, credential);
  return { ...setup, sealer };
}

test('setOnStation keeps the previous password for the grace period and sends AuthorizationKey sealed for the station', async () => {
  const logs: string[] = [];
  const { app: api, written, sealer } = await rotationApp(undefined, [oldCredential], logs);
  const response = await api.inject(rotate());
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual(written.map((w) => w.topic), ['stationCredentials', 'commandRequests']);
  const [credential] = onTopic<StationCredential>(written, 'stationCredentials');
  assert.equal(credential!.previousPasswordHash, OLD_HASH);
  assert.equal(credential!.previousValidUntil, credential!.updatedAt + 3_600_000);
  const [command] = onTopic<CommandRequested>(written, 'commandRequests');
  assert.deepEqual([command!.action, command!.timeoutSeconds, command!.requestedBy, command!.chargePointId], ['ChangeConfiguration', 60, 'key:admin-key', 'CP001']);
  const payload = JSON.parse(command!.payload) as { key: string; value: string };
  assert.equal(payload.key, 'AuthorizationKey');
  assert.ok(isSealed(payload.value));
  assert.equal(sealer.open(payload.value, { chargePointId: 'CP001', key: 'AuthorizationKey' }), PASSWORD);
  assert.throws(() => sealer.open(payload.value, { chargePointId: 'CP002', key: 'AuthorizationKey' }), 'sealed for CP001 only');
  const answer = response.json();
  assert.deepEqual([answer.commandId, answer.command.id, answer.command.status, answer.rotated], [command!.commandId, command!.commandId, 'Requested', false]);
  assert.equal(answer.previousValidUntil, new Date(credential!.previousValidUntil!).toISOString());
  assert.match(answer.detail, /not answered yet: both passwords open a connection/);
  for (const text of [response.body, ...written.map((w) => w.value?.toString('utf8') ?? ''), ...logs]) assert.ok(!text.includes(PASSWORD));
  await api.close();
});

test('setOnStation to a 2.0.1 station sends SetVariables(SecurityCtrlr.BasicAuthPassword), sealed for that station and variable (A01)', async () => {
  const logs: string[] = [];
  const { app: api, written, sealer } = await rotationApp(undefined, [oldCredential], logs, 'ocpp2.0.1');
  const response = await api.inject(rotate());
  assert.equal(response.statusCode, 202, response.body);
  const [command] = onTopic<CommandRequested>(written, 'commandRequests');
  assert.equal(command!.action, 'SetVariables');
  const payload = JSON.parse(command!.payload) as { setVariableData: { component: object; variable: object; attributeValue: string }[] };
  const [entry] = payload.setVariableData;
  assert.deepEqual([payload.setVariableData.length, entry!.component, entry!.variable], [1, { name: 'SecurityCtrlr' }, { name: 'BasicAuthPassword' }]);
  assert.equal(sealer.open(entry!.attributeValue, { chargePointId: 'CP001', key: 'SecurityCtrlr.BasicAuthPassword' }), PASSWORD);
  assert.throws(() => sealer.open(entry!.attributeValue, { chargePointId: 'CP001', key: 'AuthorizationKey' }), 'not a 1.6 AuthorizationKey');
  for (const text of [response.body, ...written.map((w) => w.value?.toString('utf8') ?? ''), ...logs]) assert.ok(!text.includes(PASSWORD));
  await api.close();
  const sixteen = await rotationApp(undefined, [oldCredential], [], 'ocpp1.6');
  await sixteen.app.inject(rotate());
  assert.equal(onTopic<CommandRequested>(sixteen.written, 'commandRequests')[0]!.action, 'ChangeConfiguration', 'a 1.6 station keeps AuthorizationKey');
  await sixteen.app.close();
});

test('setOnStation accepted by the station: the new password stays current, the previous one for the grace period', async () => {
  const { app: api, written, credentials } = await rotationApp('Accepted');
  const response = await api.inject(rotate('?wait=1'));
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(written.map((w) => w.topic), ['stationCredentials', 'commandRequests']);
  assert.deepEqual([response.json().rotated, response.json().command.status, response.json().detail], [true, 'Accepted', null]);
  assert.ok(await verifyStationPassword(PASSWORD, credentials.get('CP001')!.passwordHash));
  assert.equal(credentials.get('CP001')!.previousPasswordHash, OLD_HASH);
  await api.close();
});

test('setOnStation refused by the station, or failed: the previous credential comes back exactly, the new password forgotten', async () => {
  for (const status of ['Rejected', 'Failed']) {
    const { app: api, written, credentials } = await rotationApp(status);
    const response = await api.inject(rotate('?wait=1'));
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(written.map((w) => w.topic), ['stationCredentials', 'commandRequests', 'stationCredentials'], status);
    assert.deepEqual(onTopic<StationCredential>(written, 'stationCredentials')[1], oldCredential);
    assert.deepEqual(credentials.get('CP001'), oldCredential);
    const answer = response.json();
    assert.deepEqual([answer.rotated, answer.command.status, answer.passwordSetAt, answer.previousValidUntil],
      [false, status, new Date(oldCredential.updatedAt).toISOString(), null]);
    assert.match(answer.detail, new RegExp(`ended ${status}: the previous password is current again`));
    await api.close();
  }
});

test('setOnStation timed out or disconnected: the previous password is current again, the new one valid for the grace period', async () => {
  for (const status of ['TimedOut', 'NotConnected']) {
    const { app: api, written, credentials } = await rotationApp(status);
    const response = await api.inject(rotate('?wait=1'));
    assert.equal(response.statusCode, 200, response.body);
    const [rotated, undone] = onTopic<StationCredential>(written, 'stationCredentials');
    assert.deepEqual(undone, { ...oldCredential, previousPasswordHash: rotated!.passwordHash, previousValidUntil: rotated!.previousValidUntil });
    assert.ok(await verifyStationPassword(PASSWORD, credentials.get('CP001')!.previousPasswordHash!), status);
    assert.equal(credentials.get('CP001')!.passwordHash, OLD_HASH);
    assert.deepEqual([response.json().rotated, response.json().previousValidUntil], [false, new Date(rotated!.previousValidUntil!).toISOString()]);
    await api.close();
  }
});

test('setOnStation for a station without a password: removed again when refused, kept when the answer may have been lost', async () => {
  const refused = await rotationApp('Rejected', []);
  assert.equal((await refused.app.inject(rotate('?wait=1'))).statusCode, 200);
  assert.deepEqual(refused.written.map((w) => [w.topic, w.value === null]), [['stationCredentials', false], ['commandRequests', false], ['stationCredentials', true]]);
  assert.equal(refused.credentials.has('CP001'), false);
  await refused.app.close();
  const lost = await rotationApp('TimedOut', []);
  const response = await lost.app.inject(rotate('?wait=1'));
  assert.deepEqual(lost.written.map((w) => w.topic), ['stationCredentials', 'commandRequests']);
  assert.ok(await verifyStationPassword(PASSWORD, lost.credentials.get('CP001')!.passwordHash));
  assert.equal(response.json().rotated, false);
  await lost.app.close();
});

test('the generic command route refuses AuthorizationKey and SecurityProfile, pointing to their routes', async () => {
  const { app: api, written } = await app();
  for (const key of ['AuthorizationKey', 'authorizationkey', 'SecurityProfile']) {
    const response = await api.inject({
      method: 'POST', url: '/charge-points/CP001/commands/ChangeConfiguration', headers: as('operator'), payload: { key, value: PASSWORD },
    });
    assert.equal(response.statusCode, 400, key);
    assert.match(response.json<ErrorReply>().error.message, /\/charge-points\/\{id\}\/(password|security-profile)/);
    assert.ok(!response.body.includes(PASSWORD));
  }
  assert.deepEqual(written, []);
  await api.close();
});

test('the generic command route refuses a sealed value anywhere in the body, without quoting it', async () => {
  const sealer = createSecretSealer(randomBytes(32));
  const sealed = sealer.seal(PASSWORD, { chargePointId: 'CP001', key: 'AuthorizationKey' });
  const { app: api, written } = await app([], { stationSecurity: { sealer } });
  const bodies: [string, object][] = [
    ['ChangeConfiguration', { key: 'MeterValueSampleInterval', value: sealed }],
    ['ChangeConfiguration', { key: 'ChargingScheduleAllowedChargingRateUnit', value: 'sealed:v1:' }],
    ['DataTransfer', { vendorId: 'x', data: sealed }],
    ['SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag: 'T1', idTagInfo: { status: 'Accepted', parentIdTag: sealed } }] }],
  ];
  for (const [action, payload] of bodies) {
    const response = await api.inject({ method: 'POST', url: `/charge-points/CP001/commands/${action}`, headers: as('operator'), payload });
    assert.equal(response.statusCode, 400, `${action} ${response.body}`);
    assert.match(response.json<ErrorReply>().error.message, /sealed values are sent only by PUT \/charge-points\/\{id\}\/password/);
    assert.ok(!response.body.includes(sealed.slice(10)));
  }
  assert.deepEqual(written, []);
  await api.close();
});
