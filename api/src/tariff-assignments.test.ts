import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TariffAssignment } from '@csms/contracts';
import { as, testApp } from './test-app.ts';
import { eurVersion, fakeBilling, tariffViewWith } from './test-billing.ts';

async function billingApp() {
  const billing = fakeBilling();
  billing.tariffs.set('standard', tariffViewWith([eurVersion()]));
  const test = await testApp({ billing: { reads: billing.reads }, onWrite: (record) => billing.apply(record) });
  return { ...test, billing };
}

test('PUT /tariff-assignments writes the assignment under its scope key and answers the read model', async () => {
  const { app, written } = await billingApp();
  const cases = [
    [{ scope: 'Default', tariffId: 'standard' }, 'default'],
    [{ scope: 'Station', chargePointId: 'CP001', tariffId: 'standard' }, 'station:CP001'],
    [{ scope: 'Evse', chargePointId: 'CP001', evseId: 2, tariffId: 'standard' }, 'evse:CP001:2'],
    [{ scope: 'IdTokenGroup', groupIdToken: 'FLEET-A', tariffId: 'standard' }, 'group:FLEET-A'],
  ] as const;
  for (const [payload, key] of cases) {
    const response = await app.inject({ method: 'PUT', url: '/tariff-assignments', headers: as('operator'), payload });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<{ key: string }>().key, key);
    const record = written.at(-1)!;
    assert.deepEqual([record.topic, record.key], ['tariffAssignments', key]);
    const value = JSON.parse(record.value!.toString('utf8')) as TariffAssignment;
    assert.equal(value.updatedBy, 'key:operator-key');
    assert.equal(value.evseId, 'evseId' in payload ? payload.evseId : null);
  }
  const list = await app.inject({ method: 'GET', url: '/tariff-assignments?tariffId=standard', headers: as('viewer') });
  assert.equal(list.json<{ total: number }>().total, 4);
  await app.close();
});

test('an unknown tariff is a 404 TARIFF_NOT_FOUND and nothing is written', async () => {
  const { app, written } = await billingApp();
  const response = await app.inject({ method: 'PUT', url: '/tariff-assignments', headers: as('operator'), payload: { scope: 'Default', tariffId: 'nope' } });
  assert.deepEqual([response.statusCode, response.json<{ error: { code: string } }>().error.code], [404, 'TARIFF_NOT_FOUND']);
  assert.equal(written.length, 0);
  await app.close();
});

test('each scope names exactly its own fields', async () => {
  const { app, written } = await billingApp();
  for (const payload of [
    { scope: 'Default', chargePointId: 'CP001', tariffId: 'standard' },
    { scope: 'Station', tariffId: 'standard' },
    { scope: 'Station', chargePointId: 'CP001', evseId: 1, tariffId: 'standard' },
    { scope: 'Evse', chargePointId: 'CP001', tariffId: 'standard' },
    { scope: 'IdTokenGroup', chargePointId: 'CP001', tariffId: 'standard' },
    { scope: 'Region', tariffId: 'standard' },
  ]) {
    const response = await app.inject({ method: 'PUT', url: '/tariff-assignments', headers: as('operator'), payload });
    assert.deepEqual([response.statusCode, response.json<{ error: { code: string } }>().error.code], [400, 'VALIDATION_FAILED'], JSON.stringify(payload));
  }
  assert.equal(written.length, 0);
  await app.close();
});

test('DELETE writes a tombstone; an unknown key is a 404; a viewer may only read', async () => {
  const { app, written } = await billingApp();
  await app.inject({ method: 'PUT', url: '/tariff-assignments', headers: as('operator'), payload: { scope: 'Station', chargePointId: 'CP001', tariffId: 'standard' } });
  const forbidden = await app.inject({ method: 'DELETE', url: '/tariff-assignments/station:CP001', headers: as('viewer') });
  assert.equal(forbidden.statusCode, 403);
  const put = await app.inject({ method: 'PUT', url: '/tariff-assignments', headers: as('viewer'), payload: { scope: 'Default', tariffId: 'standard' } });
  assert.equal(put.statusCode, 403);
  const deleted = await app.inject({ method: 'DELETE', url: '/tariff-assignments/station:CP001', headers: as('admin') });
  assert.equal(deleted.statusCode, 204);
  assert.deepEqual(written.at(-1), { topic: 'tariffAssignments', key: 'station:CP001', value: null });
  const again = await app.inject({ method: 'DELETE', url: '/tariff-assignments/station:CP001', headers: as('operator') });
  assert.deepEqual([again.statusCode, again.json<{ error: { code: string } }>().error.code], [404, 'TARIFF_ASSIGNMENT_NOT_FOUND']);
  await app.close();
});
