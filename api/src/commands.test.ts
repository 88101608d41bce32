import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { ocpp16Table, type CommandRequested } from '@csms/contracts';
import type { Db } from '@csms/projections';
import { commandExamples } from './command-examples.ts';
import { as, testApp, type Written } from './test-app.ts';

interface ErrorReply { error: { code: string; message: string } }
const NOW = Date.parse('2025-01-15T10:00:00Z');

function decoded(written: Written): CommandRequested {
  return JSON.parse(written.value!.toString('utf8')) as CommandRequested;
}

async function refused(url: string, payload: object | undefined, status: number, code: string, message: RegExp): Promise<void> {
  const { app, written } = await testApp();
  const response = await app.inject({ method: 'POST', url, headers: as('operator'), ...(payload === undefined ? {} : { payload }) });
  assert.equal(response.statusCode, status, response.body);
  assert.equal(response.json<ErrorReply>().error.code, code);
  assert.match(response.json<ErrorReply>().error.message, message);
  assert.deepEqual(written, [], 'nothing may be written for a refused command');
  await app.close();
}

test('an action that is not a CSMS command is a 404 naming it', () =>
  refused('/charge-points/CP001/commands/BootNotification', {}, 404, 'UNKNOWN_ACTION', /BootNotification.*RemoteStartTransaction/));
test('an unknown action is a 404 even with a bad body', () =>
  refused('/charge-points/CP001/commands/Explode', { colour: 'red' }, 404, 'UNKNOWN_ACTION', /Explode/));
test('a value outside the enum is refused naming the field', () =>
  refused('/charge-points/CP001/commands/Reset', { type: 'Medium' }, 400, 'VALIDATION_FAILED', /body\/type must be one of Hard, Soft/));
test('a missing required field is refused naming it', () =>
  refused('/charge-points/CP001/commands/ChangeAvailability', { type: 'Operative' }, 400, 'VALIDATION_FAILED', /ChangeAvailability.*connectorId/));
test('a wrong type deep in the body is refused with its path', () =>
  refused('/charge-points/CP001/commands/SetChargingProfile', {
    connectorId: 1,
    csChargingProfiles: { ...(commandExamples.SetChargingProfile as { csChargingProfiles: object }).csChargingProfiles, stackLevel: 'high' },
  }, 400, 'VALIDATION_FAILED', /body\/csChargingProfiles\/stackLevel must be integer/));
test('an unknown field is refused naming it', () =>
  refused('/charge-points/CP001/commands/UnlockConnector', { connectorId: 1, colour: 'red' }, 400, 'VALIDATION_FAILED', /colour/));
test('a date-time without an offset is refused', () =>
  refused('/charge-points/CP001/commands/ReserveNow', { ...commandExamples.ReserveNow, expiryDate: '2025-01-15T12:00:00' }, 400, 'VALIDATION_FAILED', /expiryDate/));
test('a timeout over 300 s is refused', () =>
  refused('/charge-points/CP001/commands/Reset?timeout=301', { type: 'Soft' }, 400, 'VALIDATION_FAILED', /timeout/));
test('a wait over 60 s is refused', () =>
  refused('/charge-points/CP001/commands/Reset?wait=61', { type: 'Soft' }, 400, 'VALIDATION_FAILED', /wait/));
test('a bad charge point id is refused', () =>
  refused('/charge-points/CP%20001/commands/Reset', { type: 'Soft' }, 400, 'VALIDATION_FAILED', /id/));

test('a valid command is written to command-requests under the charge point key and answered 202 at once', async () => {
  const { app, written } = await testApp();
  const response = await app.inject({ method: 'POST', headers: as('operator'), url: '/charge-points/CP001/commands/RemoteStartTransaction?timeout=120', payload: { connectorId: 1, idTag: 'RFID-1' } });
  assert.equal(response.statusCode, 202, response.body);
  const body = response.json<{ id: string; status: string }>();
  assert.equal(body.status, 'Requested');
  assert.match(body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(written.length, 1);
  assert.equal(written[0]!.topic, 'commandRequests');
  assert.equal(written[0]!.key, 'CP001');
  assert.deepEqual(decoded(written[0]!), {
    type: 'CommandRequested', chargePointId: 'CP001', at: NOW, commandId: body.id, action: 'RemoteStartTransaction',
    payload: '{"connectorId":1,"idTag":"RFID-1"}', timeoutSeconds: 120, requestedBy: 'key:operator-key',
  });
  await app.close();
});

test('the timeout defaults to 30 s and a command without a body sends {}', async () => {
  const { app, written } = await testApp();
  const response = await app.inject({ method: 'POST', headers: as('operator'), url: '/charge-points/CP001/commands/ClearCache' });
  assert.equal(response.statusCode, 202, response.body);
  const record = decoded(written[0]!);
  assert.equal(record.payload, '{}');
  assert.equal(record.timeoutSeconds, 30);
  await app.close();
});

test('every example in the OpenAPI description is a valid request of its action', async () => {
  const { app, written } = await testApp();
  const actions16 = Object.keys(ocpp16Table.csmsCalls) as (keyof typeof ocpp16Table.csmsCalls)[];
  for (const action of actions16) {
    const response = await app.inject({ method: 'POST', headers: as('operator'), url: `/charge-points/CP001/commands/${action}`, payload: commandExamples[action] });
    assert.equal(response.statusCode, 202, `${action}: ${response.body}`);
  }
  assert.deepEqual(written.map((w) => decoded(w).action), actions16);
  await app.close();
});

/** A database port answering the commands lookup with the given statuses in turn (then the last). */
function commandsDb(statuses: readonly string[]): Db & { reads: number } {
  const fake = {
    reads: 0,
    async query<R extends pg.QueryResultRow>(_text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
      const status = statuses[Math.min(fake.reads, statuses.length - 1)];
      fake.reads += 1;
      const row = {
        id: values?.[0], charge_point_id: 'CP001', action: 'Reset', payload: '{"type":"Soft"}', timeout_seconds: 30, status,
        response: status === 'Accepted' ? '{"status":"Accepted"}' : null, error_code: null, error_description: null,
        requested_at: new Date(NOW), sent_at: status === 'Requested' ? null : new Date(NOW + 10), completed_at: status === 'Accepted' ? new Date(NOW + 20) : null,
        node: 0, connection_id: 'c-1', message_id: values?.[0], requested_by: 'key:operator-key',
      };
      const rows = status === undefined ? [] : [row];
      return { rows: rows as unknown as R[], rowCount: rows.length, command: 'SELECT', oid: 0, fields: [] };
    },
  };
  return fake;
}

test('?wait= answers 200 with the full command once it has a final status', async () => {
  const pool = commandsDb(['Requested', 'Sent', 'Accepted']);
  let now = NOW;
  const { app } = await testApp({ pool, clock: () => (now += 100), readYourWrites: { timeoutMs: 50, intervalMs: 1 } });
  const response = await app.inject({ method: 'POST', headers: as('operator'), url: '/charge-points/CP001/commands/Reset?wait=5', payload: { type: 'Soft' } });
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  assert.equal(body.status, 'Accepted');
  assert.deepEqual(body.payload, { type: 'Soft' });
  assert.deepEqual(body.response, { status: 'Accepted' });
  assert.equal(body.completedAt, new Date(NOW + 20).toISOString());
  assert.equal(pool.reads, 3);
  await app.close();
});

test('?wait= answers 202 with the latest known state when the final status does not come in time', async () => {
  let now = NOW;
  const { app } = await testApp({ pool: commandsDb(['Sent']), clock: () => (now += 1_000), readYourWrites: { timeoutMs: 50, intervalMs: 1 } });
  const response = await app.inject({ method: 'POST', headers: as('operator'), url: '/charge-points/CP001/commands/Reset?wait=2', payload: { type: 'Soft' } });
  assert.equal(response.statusCode, 202, response.body);
  assert.equal(response.json().status, 'Sent');
  assert.equal(response.json().connectionId, 'c-1');
  await app.close();
});

test('GET /commands/:id answers the current state, 404 when unknown', async () => {
  const { app } = await testApp({ pool: commandsDb(['Sent']) });
  const found = await app.inject({ method: 'GET', headers: as('operator'), url: '/commands/abc' });
  assert.equal(found.statusCode, 200);
  assert.equal(found.json().id, 'abc');
  assert.equal(found.json().status, 'Sent');
  await app.close();
  const { app: empty } = await testApp({ pool: commandsDb([]) });
  const missing = await empty.inject({ method: 'GET', headers: as('operator'), url: '/commands/abc' });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json<ErrorReply>().error.code, 'COMMAND_NOT_FOUND');
  await empty.close();
});
