import { test } from 'node:test';
import assert from 'node:assert/strict';
import { as, testApp } from './test-app.ts';
import { cdrFixture, fakeBilling } from './test-billing.ts';

async function billingApp() {
  const billing = fakeBilling((filter) => ({
    idTag: filter.idTag ?? null, groupIdToken: filter.groupIdToken ?? null, month: filter.month, cdrs: [cdrFixture()],
    totals: [{ currency: 'EUR', sessions: 1, energyWh: 10_000, totalExclVatMinor: 350, vatMinor: 74, totalInclVatMinor: 424 }],
  }));
  const test = await testApp({ billing: { reads: billing.reads } });
  return { ...test, billing };
}

test('GET /statements of an id tag, of a group, or of an id tag within a group for a UTC month', async () => {
  const { app, billing } = await billingApp();
  const byTag = await app.inject({ method: 'GET', url: '/statements?idTag=TAG1&month=2025-01', headers: as('viewer') });
  assert.equal(byTag.statusCode, 200, byTag.body);
  const body = byTag.json<{ idTag: string; month: string; cdrs: unknown[]; totals: { totalInclVatMinor: number }[] }>();
  assert.deepEqual([body.idTag, body.month, body.cdrs.length, body.totals[0]!.totalInclVatMinor], ['TAG1', '2025-01', 1, 424]);
  assert.deepEqual(billing.calls.at(-1), { name: 'statementOf', args: { idTag: 'TAG1', month: '2025-01' } });
  const byGroup = await app.inject({ method: 'GET', url: '/statements?groupIdToken=FLEET-A&month=2024-12', headers: as('viewer') });
  assert.equal(byGroup.statusCode, 200);
  assert.deepEqual(billing.calls.at(-1), { name: 'statementOf', args: { groupIdToken: 'FLEET-A', month: '2024-12' } });
  const tagInGroup = await app.inject({ method: 'GET', url: '/statements?idTag=TAG1&groupIdToken=FLEET-A&month=2025-01', headers: as('viewer') });
  assert.equal(tagInGroup.statusCode, 200, tagInGroup.body);
  const inGroup = tagInGroup.json<{ idTag: string; groupIdToken: string }>();
  assert.deepEqual([inGroup.idTag, inGroup.groupIdToken], ['TAG1', 'FLEET-A']);
  assert.deepEqual(billing.calls.at(-1), { name: 'statementOf', args: { idTag: 'TAG1', groupIdToken: 'FLEET-A', month: '2025-01' } });
  await app.close();
});

test('a statement names at least one of idTag and groupIdToken, and a month YYYY-MM', async () => {
  const { app, billing } = await billingApp();
  for (const url of [
    '/statements?month=2025-01', '/statements?groupIdToken=FLEET-A', '/statements?idTag=TAG1',
    '/statements?idTag=TAG1&month=2025-13', '/statements?idTag=TAG1&month=2025-1', '/statements?idTag=TAG1&month=2025-01-01',
  ]) {
    const response = await app.inject({ method: 'GET', url, headers: as('viewer') });
    assert.deepEqual([response.statusCode, response.json<{ error: { code: string } }>().error.code], [400, 'VALIDATION_FAILED'], url);
  }
  assert.equal(billing.calls.length, 0);
  assert.equal((await app.inject({ method: 'GET', url: '/statements?idTag=TAG1&month=2025-01' })).statusCode, 401);
  await app.close();
});

test('GET /transactions/{id}/cost: running, then final once the CDR is issued; 404 COST_NOT_FOUND when not billed', async () => {
  const { app, billing } = await billingApp();
  const running = {
    transactionId: 7, chargePointId: 'CP001', tariffId: 'standard', currency: 'EUR', asOf: '2025-01-10T08:30:00.000Z',
    energyWh: 5000, chargingSeconds: 1800, idleSeconds: 0, totalExclVatMinor: 175, vatMinor: 37, totalInclVatMinor: 212, flags: [], cdrId: null,
  };
  billing.costs.set(7, running);
  const first = await app.inject({ method: 'GET', url: '/transactions/7/cost', headers: as('viewer') });
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual(first.json(), { ...running, final: false });
  billing.costs.set(7, { ...running, cdrId: 'cdr-1' });
  const final = await app.inject({ method: 'GET', url: '/transactions/7/cost', headers: as('viewer') });
  assert.equal(final.json<{ final: boolean; cdrId: string }>().final, true);
  const missing = await app.inject({ method: 'GET', url: '/transactions/8/cost', headers: as('viewer') });
  assert.deepEqual([missing.statusCode, missing.json<{ error: { code: string } }>().error.code], [404, 'COST_NOT_FOUND']);
  const bad = await app.inject({ method: 'GET', url: '/transactions/abc/cost', headers: as('viewer') });
  assert.equal(bad.statusCode, 400);
  await app.close();
});
