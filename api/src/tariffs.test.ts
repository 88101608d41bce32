import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tariff } from '@csms/contracts';
import { as, testApp, TEST_NOW } from './test-app.ts';
import { eurVersion, fakeBilling, tariffViewWith } from './test-billing.ts';
import { nextVersionNumber } from './tariff-versions.ts';

async function billingApp() {
  const billing = fakeBilling();
  const test = await testApp({ billing: { reads: billing.reads }, onWrite: (record) => billing.apply(record) });
  return { ...test, billing };
}

const firstVersion = {
  id: 'standard', name: 'Standard', currency: 'EUR', timeZone: 'Europe/Amsterdam', vatRate: '21',
  elements: [{ priceComponents: [{ type: 'ENERGY', price: '0.35' }] }],
};

function writtenTariff(written: { topic: string; value: Buffer | null }[]): Tariff {
  const record = written.filter((w) => w.topic === 'tariffs').at(-1);
  assert.ok(record?.value, 'a tariff was written');
  return JSON.parse(record.value.toString('utf8')) as Tariff;
}

test('POST /tariffs writes the whole tariff with version 1 from now and answers the read model', async () => {
  const { app, written } = await billingApp();
  const response = await app.inject({ method: 'POST', url: '/tariffs', headers: as('operator'), payload: firstVersion });
  assert.equal(response.statusCode, 201, response.body);
  const record = writtenTariff(written);
  assert.equal(record.versions.length, 1);
  assert.deepEqual([record.id, record.name, record.updatedBy], ['standard', 'Standard', 'key:operator-key']);
  const [version] = record.versions;
  assert.deepEqual([version!.version, version!.validFrom, version!.minPrice, version!.elements[0]!.restrictions], [1, record.updatedAt, null, null]);
  assert.deepEqual(version!.elements[0]!.priceComponents, [{ type: 'ENERGY', price: '0.35', vatRate: null, stepSize: 1 }]);
  const body = response.json<{ currentVersion: number; versions: { validFrom: string }[] }>();
  assert.equal(body.currentVersion, 1);
  assert.equal(body.versions[0]!.validFrom, new Date(record.updatedAt).toISOString(), 'validFrom as ISO');
  await app.close();
});

test('a tariff validateTariff refuses is a 400 listing every problem, and nothing is written', async () => {
  const { app, written } = await billingApp();
  const response = await app.inject({
    method: 'POST', url: '/tariffs', headers: as('admin'),
    payload: { ...firstVersion, currency: 'EUX', timeZone: 'Mars/Olympus', elements: [{ priceComponents: [{ type: 'ENERGY', price: '-1' }] }] },
  });
  assert.equal(response.statusCode, 400);
  const error = response.json<{ error: { code: string; problems: { path: string; code: string }[] } }>().error;
  assert.equal(error.code, 'TARIFF_INVALID');
  assert.deepEqual(error.problems.map((p) => p.code).sort(), ['BAD_CURRENCY', 'BAD_TIME_ZONE', 'NEGATIVE_AMOUNT']);
  assert.ok(error.problems.some((p) => p.path === '/elements/0/priceComponents/0/price'));
  assert.equal(written.length, 0);
  await app.close();
});

test('a body outside the schema is a 400 VALIDATION_FAILED', async () => {
  const { app } = await billingApp();
  for (const payload of [{ ...firstVersion, elements: [] }, { ...firstVersion, surprise: 1 }, { ...firstVersion, id: 'x'.repeat(37) }]) {
    const response = await app.inject({ method: 'POST', url: '/tariffs', headers: as('operator'), payload });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'VALIDATION_FAILED');
  }
  await app.close();
});

test('an existing id is a 409 TARIFF_EXISTS', async () => {
  const { app, billing } = await billingApp();
  billing.tariffs.set('standard', tariffViewWith([eurVersion()]));
  const response = await app.inject({ method: 'POST', url: '/tariffs', headers: as('operator'), payload: firstVersion });
  assert.equal(response.statusCode, 409);
  assert.equal(response.json<{ error: { code: string } }>().error.code, 'TARIFF_EXISTS');
  await app.close();
});

test('a viewer reads tariffs but cannot write them', async () => {
  const { app, billing, written } = await billingApp();
  billing.tariffs.set('standard', tariffViewWith([eurVersion()]));
  assert.equal((await app.inject({ method: 'GET', url: '/tariffs', headers: as('viewer') })).statusCode, 200);
  const one = await app.inject({ method: 'GET', url: '/tariffs/standard', headers: as('viewer') });
  assert.equal(one.json<{ versions: { validFrom: string }[] }>().versions[0]!.validFrom, '2025-01-01T00:00:00.000Z');
  for (const [method, url] of [['POST', '/tariffs'], ['POST', '/tariffs/standard/versions'], ['POST', '/tariffs/ocpi']] as const) {
    const response = await app.inject({ method, url, headers: as('viewer'), payload: {} });
    assert.equal(response.statusCode, 403, `${method} ${url}`);
  }
  assert.equal((await app.inject({ method: 'GET', url: '/tariffs' })).statusCode, 401);
  assert.equal(written.length, 0);
  await app.close();
});

test('GET /tariffs/{id} of an unknown tariff is a 404 TARIFF_NOT_FOUND', async () => {
  const { app } = await billingApp();
  const response = await app.inject({ method: 'GET', url: '/tariffs/nope', headers: as('viewer') });
  assert.equal(response.statusCode, 404);
  assert.equal(response.json<{ error: { code: string } }>().error.code, 'TARIFF_NOT_FOUND');
  await app.close();
});

test('a new version is numbered one above the highest, keeps the older versions and takes what it omits from the newest', async () => {
  const { app, billing, written } = await billingApp();
  billing.tariffs.set('standard', tariffViewWith([eurVersion(), eurVersion({ version: 3, vatRate: '19', timeZone: 'Europe/Berlin' }), eurVersion({ version: 2 })]));
  const response = await app.inject({
    method: 'POST', url: '/tariffs/standard/versions', headers: as('operator'),
    payload: { elements: [{ priceComponents: [{ type: 'TIME', price: '2.00', stepSize: 60 }] }], validFrom: '2025-02-01T00:00:00Z' },
  });
  assert.equal(response.statusCode, 201, response.body);
  const record = writtenTariff(written);
  assert.deepEqual(record.versions.map((v) => v.version), [1, 3, 2, 4]);
  const added = record.versions[3]!;
  assert.deepEqual([added.vatRate, added.timeZone, added.currency, added.validFrom], ['19', 'Europe/Berlin', 'EUR', Date.parse('2025-02-01T00:00:00Z')]);
  assert.ok(record.updatedAt > Date.parse('2025-01-01T00:00:00Z'));
  assert.equal(response.json<{ currentVersion: number }>().currentVersion, 4);
  await app.close();
});

test('a version starting in the past needs "correction": true', async () => {
  const { app, billing, written } = await billingApp();
  billing.tariffs.set('standard', tariffViewWith([eurVersion()]));
  const past = new Date(TEST_NOW - 86_400_000).toISOString();
  const payload = { elements: [{ priceComponents: [{ type: 'ENERGY', price: '0.30' }] }], validFrom: past };
  const refused = await app.inject({ method: 'POST', url: '/tariffs/standard/versions', headers: as('operator'), payload });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json<{ error: { message: string } }>().error.message, /correction/);
  assert.equal(written.length, 0);
  const accepted = await app.inject({ method: 'POST', url: '/tariffs/standard/versions', headers: as('operator'), payload: { ...payload, correction: true } });
  assert.equal(accepted.statusCode, 201, accepted.body);
  assert.equal(writtenTariff(written).versions[1]!.validFrom, Date.parse(past));
  const future = await app.inject({
    method: 'POST', url: '/tariffs/standard/versions', headers: as('operator'), payload: { ...payload, validFrom: '2026-01-01T00:00:00Z' },
  });
  assert.equal(future.statusCode, 201, 'a future version needs no flag');
  await app.close();
});

test('a version cannot change the currency, and an unknown tariff gets no version', async () => {
  const { app, billing } = await billingApp();
  billing.tariffs.set('standard', tariffViewWith([eurVersion()]));
  const payload = { currency: 'JPY', elements: [{ priceComponents: [{ type: 'ENERGY', price: '40' }] }] };
  const changed = await app.inject({ method: 'POST', url: '/tariffs/standard/versions', headers: as('operator'), payload });
  assert.equal(changed.statusCode, 400);
  const unknown = await app.inject({ method: 'POST', url: '/tariffs/other/versions', headers: as('operator'), payload });
  assert.equal(unknown.statusCode, 404);
  await app.close();
});

test('the read model not catching up answers 202 with what was written', async () => {
  const billing = fakeBilling();
  const { app } = await testApp({ billing: { reads: billing.reads } });
  const response = await app.inject({ method: 'POST', url: '/tariffs', headers: as('operator'), payload: firstVersion });
  assert.equal(response.statusCode, 202);
  assert.equal(response.json<{ id: string; currentVersion: number }>().currentVersion, 1);
  await app.close();
});

test('nextVersionNumber: 1 for a new tariff, else one above the highest', () => {
  assert.equal(nextVersionNumber([]), 1);
  assert.equal(nextVersionNumber([{ version: 2 }, { version: 7 }, { version: 5 }]), 8);
});
