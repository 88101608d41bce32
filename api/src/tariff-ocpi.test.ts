import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tariff } from '@csms/contracts';
import { as, testApp, TEST_NOW } from './test-app.ts';
import { eurVersion, fakeBilling, tariffViewWith } from './test-billing.ts';

async function billingApp(ocpi = { countryCode: 'NL', partyId: 'CSM' }) {
  const billing = fakeBilling();
  const test = await testApp({ billing: { reads: billing.reads, ocpi }, onWrite: (record) => billing.apply(record) });
  return { ...test, billing };
}

const ocpiBody = {
  country_code: 'DE', party_id: 'XYZ', id: 'imported', currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price: 0.29, vat: 19, step_size: 1 }], restrictions: { start_time: '08:00', end_time: '20:00' } }],
  start_date_time: '2025-02-01T00:00:00Z', last_updated: '2025-01-10T00:00:00Z',
};

test('GET /tariffs/{id}/ocpi is the newest version as an OCPI 2.2.1 Tariff of the configured party', async () => {
  const { app, billing } = await billingApp({ countryCode: 'BE', partyId: 'ABC' });
  billing.tariffs.set('standard', tariffViewWith([eurVersion(), eurVersion({ version: 2, validFrom: Date.parse('2025-02-01T00:00:00Z'), minPrice: '1.00' })]));
  const response = await app.inject({ method: 'GET', url: '/tariffs/standard/ocpi', headers: as('viewer') });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json(), {
    country_code: 'BE', party_id: 'ABC', id: 'standard', currency: 'EUR', min_price: { excl_vat: 1 },
    elements: [{ price_components: [{ type: 'ENERGY', price: 0.35, vat: 21, step_size: 1 }] }],
    start_date_time: '2025-02-01T00:00:00.000Z', last_updated: '2025-01-01T00:00:00.000Z',
  });
  const first = await app.inject({ method: 'GET', url: '/tariffs/standard/ocpi?version=1', headers: as('viewer') });
  assert.equal(first.json<{ start_date_time: string }>().start_date_time, '2025-01-01T00:00:00.000Z');
  const missing = await app.inject({ method: 'GET', url: '/tariffs/standard/ocpi?version=9', headers: as('viewer') });
  assert.deepEqual([missing.statusCode, missing.json<{ error: { code: string } }>().error.code], [404, 'TARIFF_VERSION_NOT_FOUND']);
  const unknown = await app.inject({ method: 'GET', url: '/tariffs/nope/ocpi', headers: as('viewer') });
  assert.equal(unknown.statusCode, 404);
  await app.close();
});

test('POST /tariffs/ocpi imports a new tariff as version 1 with the time zone and VAT rate of the query', async () => {
  const { app, written } = await billingApp();
  const response = await app.inject({
    method: 'POST', url: '/tariffs/ocpi?timeZone=Europe/Berlin&vatRate=19&name=Imported', headers: as('operator'), payload: ocpiBody,
  });
  assert.equal(response.statusCode, 201, response.body);
  const record = JSON.parse(written.at(-1)!.value!.toString('utf8')) as Tariff;
  assert.deepEqual([record.id, record.name, record.versions.length], ['imported', 'Imported', 1]);
  const version = record.versions[0]!;
  assert.deepEqual([version.version, version.timeZone, version.vatRate, version.validFrom], [1, 'Europe/Berlin', '19', Date.parse('2025-02-01T00:00:00Z')]);
  assert.deepEqual(version.elements[0]!.priceComponents, [{ type: 'ENERGY', price: '0.29', vatRate: null, stepSize: 1 }]);
  assert.equal(version.elements[0]!.restrictions?.startTime, '08:00');
  await app.close();
});

test('importing an existing id adds the next version, defaults from the newest, and a past start needs ?correction=true', async () => {
  const { app, billing, written } = await billingApp();
  billing.tariffs.set('imported', tariffViewWith([eurVersion({ id: 'imported', timeZone: 'Europe/Paris', vatRate: '20' })]));
  const past = { ...ocpiBody, start_date_time: new Date(TEST_NOW - 3_600_000).toISOString() };
  const refused = await app.inject({ method: 'POST', url: '/tariffs/ocpi', headers: as('operator'), payload: past });
  assert.equal(refused.statusCode, 400);
  const accepted = await app.inject({ method: 'POST', url: '/tariffs/ocpi?correction=true', headers: as('operator'), payload: past });
  assert.equal(accepted.statusCode, 201, accepted.body);
  const record = JSON.parse(written.at(-1)!.value!.toString('utf8')) as Tariff;
  assert.deepEqual(record.versions.map((v) => [v.version, v.timeZone, v.vatRate]), [[1, 'Europe/Paris', '20'], [2, 'Europe/Paris', '20']]);
  await app.close();
});

test('an OCPI body that is not a tariff is a 400 TARIFF_INVALID with its problems; a new tariff needs timeZone and vatRate', async () => {
  const { app, written } = await billingApp();
  const noId = await app.inject({ method: 'POST', url: '/tariffs/ocpi?timeZone=UTC&vatRate=21', headers: as('operator'), payload: { currency: 'EUR' } });
  assert.deepEqual([noId.statusCode, noId.json<{ error: { code: string } }>().error.code], [400, 'TARIFF_INVALID']);
  const bad = await app.inject({
    method: 'POST', url: '/tariffs/ocpi?timeZone=UTC&vatRate=21', headers: as('operator'), payload: { ...ocpiBody, start_date_time: undefined, currency: 'XXXX' },
  });
  assert.equal(bad.statusCode, 400);
  const problems = bad.json<{ error: { code: string; problems: { path: string }[] } }>().error;
  assert.equal(problems.code, 'TARIFF_INVALID');
  assert.ok(problems.problems.length > 0);
  const noOptions = await app.inject({ method: 'POST', url: '/tariffs/ocpi', headers: as('operator'), payload: ocpiBody });
  assert.deepEqual([noOptions.statusCode, noOptions.json<{ error: { code: string } }>().error.code], [400, 'VALIDATION_FAILED']);
  assert.equal(written.length, 0);
  await app.close();
});

test('an exported tariff imports back to the same version', async () => {
  const { app, billing, written } = await billingApp();
  const original = eurVersion({ id: 'round', validFrom: Date.parse('2026-01-01T00:00:00Z'), maxPrice: '50' });
  billing.tariffs.set('round', tariffViewWith([original]));
  const exported = (await app.inject({ method: 'GET', url: '/tariffs/round/ocpi', headers: as('viewer') })).json();
  billing.tariffs.clear();
  const response = await app.inject({ method: 'POST', url: '/tariffs/ocpi?timeZone=Europe/Amsterdam&vatRate=21', headers: as('operator'), payload: exported });
  assert.equal(response.statusCode, 201, response.body);
  const record = JSON.parse(written.at(-1)!.value!.toString('utf8')) as Tariff;
  assert.deepEqual(record.versions[0], original);
  await app.close();
});
