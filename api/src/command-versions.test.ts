// Commands in the OCPP version the station speaks: which version is asked for, what a command
// the version does not have is told, the 2.0.1 bodies and the remoteStartId the api fills in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ocpp16Table, ocpp201Table, type CommandRequested } from '@csms/contracts';
import { COMMAND_ACTIONS, commandVersion, notInVersion } from './command-actions.ts';
import { completedCommand, remoteStartIdOf } from './command-completion.ts';
import { ocpp201CommandExamples } from './command-examples.ts';
import { as, testApp, type Written } from './test-app.ts';

interface ErrorReply { error: { code: string; message: string } }

function decoded(written: Written): CommandRequested {
  return JSON.parse(written.value!.toString('utf8')) as CommandRequested;
}

/** An app whose connections read model says `protocol` for every station, recording who was looked up. */
async function appSpeaking(protocol: string | null) {
  const asked: string[] = [];
  const setup = await testApp({ stationProtocol: async (id) => { asked.push(id); return protocol; } });
  return { ...setup, asked };
}

async function post(protocol: string | null, action: string, payload: object) {
  const setup = await appSpeaking(protocol);
  const response = await setup.app.inject({ method: 'POST', url: `/charge-points/CP001/commands/${action}`, headers: as('operator'), payload });
  await setup.app.close();
  return { response, written: setup.written, asked: setup.asked };
}

test('commands are checked against the protocol of the latest connection; 1.6 for a station never seen', () => {
  assert.equal(commandVersion('ocpp2.0.1'), 'ocpp2.0.1');
  assert.equal(commandVersion('ocpp1.6'), 'ocpp1.6');
  assert.equal(commandVersion(null), 'ocpp1.6');
  assert.equal(commandVersion('ocpp2.1'), 'ocpp1.6', 'a protocol without an action table, which the gateway never negotiates');
});

test('the commands of every version, each once, 1.6 first', () => {
  assert.deepEqual(COMMAND_ACTIONS.slice(0, Object.keys(ocpp16Table.csmsCalls).length), [...Object.keys(ocpp16Table.csmsCalls)]);
  assert.deepEqual(new Set(COMMAND_ACTIONS), new Set([...Object.keys(ocpp16Table.csmsCalls), ...Object.keys(ocpp201Table.csmsCalls)]));
  assert.equal(new Set(COMMAND_ACTIONS).size, COMMAND_ACTIONS.length);
});

test('a command of the other version names both versions and, when there is one, the command to use', () => {
  assert.equal(notInVersion('CP001', 'ocpp2.0.1', 'RemoteStartTransaction'),
    'RemoteStartTransaction is an OCPP 1.6 command; CP001 speaks OCPP 2.0.1: use RequestStartTransaction');
  assert.equal(notInVersion('CP001', 'ocpp1.6', 'RequestStopTransaction'),
    'RequestStopTransaction is an OCPP 2.0.1 command; CP001 speaks OCPP 1.6: use RemoteStopTransaction');
  assert.equal(notInVersion('CP001', 'ocpp1.6', 'GetTransactionStatus'), 'GetTransactionStatus is an OCPP 2.0.1 command; CP001 speaks OCPP 1.6');
  assert.equal(notInVersion('CP001', 'ocpp2.0.1', 'Reset'), null);
  assert.equal(notInVersion('CP001', 'ocpp1.6', 'Reset'), null);
});

test('a remoteStartId is a positive int32 derived from the command id, filled in only when none is given', () => {
  const id = 'ffffffff-0000-4000-8000-000000000000';
  assert.equal(remoteStartIdOf(id), (0xffffffff % 2_147_483_647) + 1);
  assert.equal(remoteStartIdOf('00000000-0000-4000-8000-000000000000'), 1);
  for (const prefix of ['7fffffff', '80000000', '12345678']) {
    const value = remoteStartIdOf(`${prefix}-0000-4000-8000-000000000000`);
    assert.ok(Number.isInteger(value) && value >= 1 && value <= 2_147_483_647, `${prefix}: ${value}`);
  }
  const body = { idToken: { idToken: 'T', type: 'Central' } };
  assert.deepEqual(completedCommand('RequestStartTransaction', body, id), { payload: { ...body, remoteStartId: remoteStartIdOf(id) }, remoteStartId: remoteStartIdOf(id) });
  assert.deepEqual(completedCommand('RequestStartTransaction', { ...body, remoteStartId: 12 }, id), { payload: { ...body, remoteStartId: 12 }, remoteStartId: 12 });
  assert.deepEqual(completedCommand('Reset', { type: 'Immediate' }, id), { payload: { type: 'Immediate' }, remoteStartId: null });
});

test('a 1.6 command for a 2.0.1 station is a 400 naming the version and the command to use; nothing is written', async () => {
  const { response, written, asked } = await post('ocpp2.0.1', 'RemoteStartTransaction', { connectorId: 1, idTag: 'RFID-1' });
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(response.json<ErrorReply>().error, {
    code: 'COMMAND_NOT_IN_PROTOCOL', message: 'RemoteStartTransaction is an OCPP 1.6 command; CP001 speaks OCPP 2.0.1: use RequestStartTransaction',
  });
  assert.deepEqual(written, []);
  assert.deepEqual(asked, ['CP001']);
});

test('a 2.0.1 command for a 1.6 station, or one never seen, is a 400 naming the version', async () => {
  for (const protocol of ['ocpp1.6', null]) {
    const { response, written } = await post(protocol, 'RequestStartTransaction', ocpp201CommandExamples.RequestStartTransaction);
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json<ErrorReply>().error.message, 'RequestStartTransaction is an OCPP 2.0.1 command; CP001 speaks OCPP 1.6: use RemoteStartTransaction');
    assert.deepEqual(written, []);
  }
});

test('a command both versions have is validated against the schema of the version the station speaks', async () => {
  const v16 = await post('ocpp2.0.1', 'Reset', { type: 'Soft' });
  assert.equal(v16.response.statusCode, 400, v16.response.body);
  assert.match(v16.response.json<ErrorReply>().error.message, /body\/type must be one of Immediate, OnIdle/);
  const v201 = await post('ocpp2.0.1', 'Reset', { type: 'Immediate' });
  assert.equal(v201.response.statusCode, 202, v201.response.body);
  assert.equal(decoded(v201.written[0]!).payload, '{"type":"Immediate"}');
  assert.equal((await post('ocpp1.6', 'Reset', { type: 'Immediate' })).response.statusCode, 400);
  assert.equal((await post(null, 'Reset', { type: 'Soft' })).response.statusCode, 202, 'a station never seen gets 1.6, as before');
});

test('every 2.0.1 example is a valid request for a 2.0.1 station', async () => {
  const { app, written } = await appSpeaking('ocpp2.0.1');
  for (const [action, payload] of Object.entries(ocpp201CommandExamples)) {
    const response = await app.inject({ method: 'POST', headers: as('operator'), url: `/charge-points/CP001/commands/${action}`, payload });
    assert.equal(response.statusCode, 202, `${action}: ${response.body}`);
  }
  assert.deepEqual(written.map((w) => decoded(w).action), Object.keys(ocpp201Table.csmsCalls));
  await app.close();
});

test('RequestStartTransaction without a remoteStartId gets one from the command id, sent and answered', async () => {
  const { response, written } = await post('ocpp2.0.1', 'RequestStartTransaction', { evseId: 1, idToken: { idToken: 'EMAID-0001', type: 'eMAID' } });
  assert.equal(response.statusCode, 202, response.body);
  const body = response.json<{ id: string; status: string; remoteStartId: number }>();
  assert.equal(body.status, 'Requested');
  assert.equal(body.remoteStartId, remoteStartIdOf(body.id));
  const record = decoded(written[0]!);
  assert.equal(record.commandId, body.id);
  assert.deepEqual(JSON.parse(record.payload), { evseId: 1, idToken: { idToken: 'EMAID-0001', type: 'eMAID' }, remoteStartId: body.remoteStartId });
});

test('a remoteStartId the operator gives is sent as given; a bad one is refused', async () => {
  const given = await post('ocpp2.0.1', 'RequestStartTransaction', { remoteStartId: 42, idToken: { idToken: 'T1', type: 'Central' } });
  assert.equal(given.response.statusCode, 202, given.response.body);
  assert.equal(given.response.json<{ remoteStartId: number }>().remoteStartId, 42);
  assert.equal(JSON.parse(decoded(given.written[0]!).payload).remoteStartId, 42);
  const bad = await post('ocpp2.0.1', 'RequestStartTransaction', { remoteStartId: 'one', idToken: { idToken: 'T1', type: 'Central' } });
  assert.equal(bad.response.statusCode, 400);
  assert.match(bad.response.json<ErrorReply>().error.message, /remoteStartId must be integer/);
  assert.deepEqual(bad.written, []);
});

test('a 1.6 command answers no remoteStartId', async () => {
  const { response } = await post('ocpp1.6', 'RemoteStartTransaction', { connectorId: 1, idTag: 'RFID-1' });
  assert.equal(response.statusCode, 202, response.body);
  assert.equal('remoteStartId' in response.json(), false);
});

test('SetVariables of a 2.0.1 station\'s BasicAuthPassword is refused before its version is looked up, without quoting it', async () => {
  const { response, written, asked } = await post('ocpp2.0.1', 'SetVariables', {
    setVariableData: [{ component: { name: 'securityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: 'S3cret-Passw0rd-123' }],
  });
  assert.equal(response.statusCode, 400, response.body);
  assert.match(response.json<ErrorReply>().error.message, /SecurityCtrlr\.BasicAuthPassword is not set through the generic command route/);
  assert.ok(!response.body.includes('S3cret'));
  assert.deepEqual([written, asked], [[], []]);
});
