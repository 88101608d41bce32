import { test } from 'node:test';
import assert from 'node:assert/strict';
import { as, testApp } from './test-app.ts';

interface ErrorReply { error: { code: string; message: string } }

async function expectError(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload: unknown, status: number, code: string, message: RegExp): Promise<void> {
  const { app, written } = await testApp();
  const response = await app.inject({ method, url, headers: as('admin'), ...(payload === undefined ? {} : { payload: payload as object }) });
  assert.equal(response.statusCode, status, response.body);
  const body = response.json<ErrorReply>();
  assert.equal(body.error.code, code);
  assert.match(body.error.message, message);
  assert.equal(written.length, 0, 'nothing may be written for a refused request');
  await app.close();
}

test('POST /id-tags without idTag is refused', () => expectError('POST', '/id-tags', { status: 'Accepted' }, 400, 'VALIDATION_FAILED', /idTag/));
test('POST /id-tags with an idTag over 20 chars is refused', () => expectError('POST', '/id-tags', { idTag: 'X'.repeat(21) }, 400, 'VALIDATION_FAILED', /idTag.*20/));
test('POST /id-tags with an empty idTag is refused', () => expectError('POST', '/id-tags', { idTag: '' }, 400, 'VALIDATION_FAILED', /idTag/));
test('POST /id-tags with an unknown status is refused', () => expectError('POST', '/id-tags', { idTag: 'A', status: 'Maybe' }, 400, 'VALIDATION_FAILED', /status/));
test('POST /id-tags with a non ISO expiryDate is refused', () => expectError('POST', '/id-tags', { idTag: 'A', expiryDate: 'tomorrow' }, 400, 'VALIDATION_FAILED', /expiryDate/));
test('POST /id-tags with an unknown field is refused', () => expectError('POST', '/id-tags', { idTag: 'A', colour: 'red' }, 400, 'VALIDATION_FAILED', /additional properties/));
test('PUT /id-tags/:idTag with a bad status is refused', () => expectError('PUT', '/id-tags/A', { status: 'Nope' }, 400, 'VALIDATION_FAILED', /status/));
test('POST /charge-points without id is refused', () => expectError('POST', '/charge-points', { name: 'x' }, 400, 'VALIDATION_FAILED', /id/));
test('POST /charge-points with a bad registrationStatus is refused', () => expectError('POST', '/charge-points', { id: 'CP1', registrationStatus: 'Yes' }, 400, 'VALIDATION_FAILED', /registrationStatus/));
test('POST /charge-points with whitespace in the id is refused', () => expectError('POST', '/charge-points', { id: 'CP 1' }, 400, 'VALIDATION_FAILED', /id/));
for (const id of ['.', '..', 'café', 'a?b', 'a%b', 'a,b', 'X'.repeat(49)]) {
  test(`POST /charge-points with the id ${JSON.stringify(id)}, which the gateway would refuse, is refused`,
    () => expectError('POST', '/charge-points', { id }, 400, 'VALIDATION_FAILED', /body\/id/));
}
test('GET /security-events?chargePointId=.. is refused', () => expectError('GET', '/security-events?chargePointId=..', undefined, 400, 'VALIDATION_FAILED', /chargePointId/));
test('GET /transactions with limit over 500 is refused', () => expectError('GET', '/transactions?limit=501', undefined, 400, 'VALIDATION_FAILED', /limit/));
test('GET /transactions with an unknown status is refused', () => expectError('GET', '/transactions?status=Open', undefined, 400, 'VALIDATION_FAILED', /status/));
test('GET /transactions with a bad from is refused', () => expectError('GET', '/transactions?from=yesterday', undefined, 400, 'VALIDATION_FAILED', /from/));
// RFC 3339 allows a leap second, which ajv-formats accepts and Date cannot hold (NaN, then a 500 from PostgreSQL).
for (const at of ['2016-12-31T23:59:60Z', '1969-12-31T00:00:00Z', '9999-12-31T00:00:00Z']) {
  test(`GET /transactions?from=${at} is refused`, () => expectError('GET', `/transactions?from=${at}`, undefined, 400, 'VALIDATION_FAILED', /from must match format/));
  test(`GET /security-events?to=${at} is refused`, () => expectError('GET', `/security-events?to=${at}`, undefined, 400, 'VALIDATION_FAILED', /to must match format/));
  test(`POST /id-tags with the expiryDate ${at} is refused`, () => expectError('POST', '/id-tags', { idTag: 'A', expiryDate: at }, 400, 'VALIDATION_FAILED', /expiryDate must match format/));
}
test('GET /transactions/:id that is not a number is refused', () => expectError('GET', '/transactions/abc', undefined, 400, 'VALIDATION_FAILED', /id/));
test('GET /reservations with an unknown status is refused', () => expectError('GET', '/reservations?status=open', undefined, 400, 'VALIDATION_FAILED', /status/));
test('GET /charge-points/:id/commands with an unknown status is refused', () => expectError('GET', '/charge-points/CP1/commands?status=Done', undefined, 400, 'VALIDATION_FAILED', /status/));
test('GET /commands/:id with a wait over 60 s is refused', () => expectError('GET', '/commands/abc?wait=61', undefined, 400, 'VALIDATION_FAILED', /wait/));
test('GET /security-events with an unknown type is refused', () => expectError('GET', '/security-events?type=Burglary', undefined, 400, 'VALIDATION_FAILED', /querystring\/type/));
test('GET /security-events with a bad to is refused', () => expectError('GET', '/security-events?to=soon', undefined, 400, 'VALIDATION_FAILED', /querystring\/to must match format/));
test('GET /security-events with whitespace in the chargePointId is refused', () => expectError('GET', '/security-events?chargePointId=CP%201', undefined, 400, 'VALIDATION_FAILED', /chargePointId/));
test('GET /charge-points/:id/security-events with an unknown field is refused', () => expectError('GET', '/charge-points/CP1/security-events?chargePointId=CP2', undefined, 400, 'VALIDATION_FAILED', /additional properties/));
test('GET /charge-points/:id/security-events with limit 0 is refused', () => expectError('GET', '/charge-points/CP1/security-events?limit=0', undefined, 400, 'VALIDATION_FAILED', /limit/));
test('an unknown route is a 404 in the error shape', () => expectError('GET', '/nope', undefined, 404, 'ROUTE_NOT_FOUND', /\/nope/));

test('malformed JSON is a 400 in the error shape', async () => {
  const { app } = await testApp();
  const response = await app.inject({ method: 'POST', url: '/id-tags', headers: { ...as('admin'), 'content-type': 'application/json' }, payload: '{"idTag":' });
  assert.equal(response.statusCode, 400);
  assert.equal(response.json<ErrorReply>().error.code, 'BAD_REQUEST');
  await app.close();
});

test('health names a database it cannot reach', async () => {
  const { app } = await testApp();
  const response = await app.inject({ method: 'GET', url: '/health' });
  assert.equal(response.statusCode, 503);
  assert.deepEqual(response.json(), { status: 'degraded', database: 'down', kafka: 'up', schemaRegistry: 'up', unreachable: ['postgres'] });
  await app.close();
});
