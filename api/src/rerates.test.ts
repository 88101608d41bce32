import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RerateRequested } from '@csms/contracts';
import { as, testApp, TEST_NOW } from './test-app.ts';
import { eurVersion, fakeBilling, tariffViewWith } from './test-billing.ts';

async function billingApp() {
  const billing = fakeBilling();
  billing.tariffs.set('standard', tariffViewWith([eurVersion()]));
  const test = await testApp({ billing: { reads: billing.reads }, onWrite: (record) => billing.apply(record) });
  return { ...test, billing };
}

const period = { tariffId: 'standard', from: '2025-01-01T00:00:00Z', to: '2025-01-15T00:00:00Z' };

test('POST /rerates writes the request keyed by its id and answers 202 Requested while the processors have not run it', async () => {
  const { app, written } = await billingApp();
  const response = await app.inject({ method: 'POST', url: '/rerates?wait=0', headers: as('admin'), payload: { ...period, dryRun: true, reason: 'energy price typo' } });
  assert.equal(response.statusCode, 202, response.body);
  const view = response.json<{ rerateId: string; status: string; dryRun: boolean }>();
  assert.deepEqual([view.status, view.dryRun], ['Requested', true]);
  const record = written.at(-1)!;
  assert.deepEqual([record.topic, record.key], ['rerates', view.rerateId]);
  const value = JSON.parse(record.value!.toString('utf8')) as RerateRequested;
  assert.deepEqual(
    [value.tariffId, value.from, value.to, value.dryRun, value.reason, value.requestedBy, value.at],
    ['standard', Date.parse(period.from), Date.parse(period.to), true, 'energy price typo', 'key:admin-key', TEST_NOW],
  );
  const found = await app.inject({ method: 'GET', url: `/rerates/${view.rerateId}`, headers: as('viewer') });
  assert.equal(found.json<{ status: string }>().status, 'Requested');
  await app.close();
});

test('only an admin re-rates; a period ending before it starts is a 400 and an unknown tariff a 404, with nothing written', async () => {
  const { app, written } = await billingApp();
  const operator = await app.inject({ method: 'POST', url: '/rerates?wait=0', headers: as('operator'), payload: period });
  assert.equal(operator.statusCode, 403);
  const backwards = await app.inject({ method: 'POST', url: '/rerates?wait=0', headers: as('admin'), payload: { ...period, from: period.to, to: period.from } });
  assert.deepEqual([backwards.statusCode, backwards.json<{ error: { message: string } }>().error.message], [400, 'from must be before to']);
  const unknown = await app.inject({ method: 'POST', url: '/rerates?wait=0', headers: as('admin'), payload: { ...period, tariffId: 'nope' } });
  assert.deepEqual([unknown.statusCode, unknown.json<{ error: { code: string } }>().error.code], [404, 'TARIFF_NOT_FOUND']);
  assert.equal(written.filter((w) => w.topic === 'rerates').length, 0);
  const missing = await app.inject({ method: 'GET', url: '/rerates/RR-nope', headers: as('viewer') });
  assert.deepEqual([missing.statusCode, missing.json<{ error: { code: string } }>().error.code], [404, 'RERATE_NOT_FOUND']);
  await app.close();
});
