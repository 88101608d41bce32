import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ocpiCdrProblems, type OcpiCdr } from '@csms/contracts';
import { exampleSite } from '@csms/contracts/test-station-site.ts';
import { as, testApp } from './test-app.ts';
import { cdrFixture, eurVersion, fakeBilling, tariffViewWith } from './test-billing.ts';
import { MAX_EXPORT_CDRS } from './routes/cdrs.ts';

async function billingApp(ocpi = { countryCode: 'NL', partyId: 'CSM' }) {
  const billing = fakeBilling();
  const test = await testApp({ billing: { reads: billing.reads, ocpi } });
  return { ...test, billing };
}

const period = 'from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z';

test('GET /cdrs passes its filters and paging to the read model', async () => {
  const { app, billing } = await billingApp();
  billing.cdrs.push(cdrFixture());
  const response = await app.inject({
    method: 'GET', url: `/cdrs?chargePointId=CP001&idTag=TAG1&kind=Final&billable=true&tariffId=standard&${period}&limit=10`, headers: as('viewer'),
  });
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json<{ items: { cdrId: string; totalInclVatMinor: number }[]; total: number; limit: number; offset: number }>();
  assert.deepEqual([body.items[0]!.cdrId, body.items[0]!.totalInclVatMinor, body.total, body.limit, body.offset], ['cdr-1', 424, 1, 10, 0]);
  assert.deepEqual(billing.calls.at(-1), {
    name: 'listCdrs',
    args: { chargePointId: 'CP001', idTag: 'TAG1', kind: 'Final', billable: true, tariffId: 'standard', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', limit: 10, offset: 0 },
  });
  const bad = await app.inject({ method: 'GET', url: '/cdrs?kind=Draft', headers: as('viewer') });
  assert.equal(bad.statusCode, 400);
  const backwards = await app.inject({ method: 'GET', url: '/cdrs?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z', headers: as('viewer') });
  assert.equal(backwards.statusCode, 400);
  assert.equal((await app.inject({ method: 'GET', url: '/cdrs' })).statusCode, 401);
  await app.close();
});

test('GET /cdrs/{id} answers the CDR with its priced session, or 404 CDR_NOT_FOUND', async () => {
  const { app, billing } = await billingApp();
  billing.cdrs.push(cdrFixture());
  const found = await app.inject({ method: 'GET', url: '/cdrs/cdr-1', headers: as('viewer') });
  assert.equal(found.statusCode, 200);
  assert.equal(found.json<{ priced: { lines: unknown[] } }>().priced.lines.length, 1);
  const missing = await app.inject({ method: 'GET', url: '/cdrs/cdr-9', headers: as('viewer') });
  assert.deepEqual([missing.statusCode, missing.json<{ error: { code: string } }>().error.code], [404, 'CDR_NOT_FOUND']);
  await app.close();
});

test('GET /cdrs/export?format=csv is a CSV attachment of the period', async () => {
  const { app, billing } = await billingApp();
  billing.cdrs.push(cdrFixture(), cdrFixture({ cdrId: 'cdr-2', currency: 'JPY', totalExclVatMinor: 100, vatMinor: 10, totalInclVatMinor: 110 }));
  const response = await app.inject({ method: 'GET', url: `/cdrs/export?format=csv&${period}&chargePointId=CP001`, headers: as('viewer') });
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^text\/csv/);
  assert.match(String(response.headers['content-disposition']), /attachment; filename="cdrs-2025-01-01-2025-02-01.csv"/);
  const lines = response.body.split('\r\n');
  assert.equal(lines.length, 4);
  assert.match(lines[1]!, /,EUR,3\.50,0\.74,4\.24,/);
  assert.match(lines[2]!, /,JPY,100,10,110,/);
  assert.deepEqual(billing.calls.at(-1), {
    // The list's columns only: a CSV never shows the priced session.
    name: 'cdrRowsForExport', args: { chargePointId: 'CP001', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', max: MAX_EXPORT_CDRS + 1 },
  });
  await app.close();
});

test('an export needs format, from and to, and refuses a period of more than 10000 CDRs', async () => {
  const { app, billing } = await billingApp();
  for (const url of ['/cdrs/export?format=csv', `/cdrs/export?${period}`, '/cdrs/export?format=csv&from=2025-01-01T00:00:00Z', `/cdrs/export?format=xml&${period}`]) {
    const response = await app.inject({ method: 'GET', url, headers: as('viewer') });
    assert.equal(response.statusCode, 400, url);
  }
  billing.cdrs.push(...Array.from({ length: MAX_EXPORT_CDRS + 1 }, (_, i) => cdrFixture({ cdrId: `cdr-${i}` })));
  const tooLarge = await app.inject({ method: 'GET', url: `/cdrs/export?format=ocpi&${period}`, headers: as('viewer') });
  assert.equal(tooLarge.statusCode, 400);
  const error = tooLarge.json<{ error: { code: string; message: string } }>().error;
  assert.equal(error.code, 'EXPORT_TOO_LARGE');
  assert.match(error.message, /narrow the period/);
  await app.close();
});

test('GET /cdrs/export?format=ocpi is a JSON array of OCPI 2.2.1 CDRs of the configured party, with the tariff versions used', async () => {
  const { app, billing } = await billingApp({ countryCode: 'BE', partyId: 'ABC' });
  billing.tariffs.set('standard', tariffViewWith([eurVersion(), eurVersion({ version: 2, validFrom: Date.parse('2025-06-01T00:00:00Z') })]));
  billing.cdrs.push(cdrFixture({ idTokenType: 'Central', stationTransactionId: 'tx-abc' }));
  const response = await app.inject({ method: 'GET', url: `/cdrs/export?format=ocpi&${period}`, headers: as('viewer') });
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  const [cdr, ...rest] = response.json<OcpiCdr[]>();
  assert.equal(rest.length, 0);
  assert.deepEqual([cdr!.country_code, cdr!.party_id, cdr!.id, cdr!.currency, cdr!.session_id], ['BE', 'ABC', 'cdr-1', 'EUR', 'tx-abc']);
  assert.deepEqual(cdr!.total_cost, { excl_vat: 3.5, incl_vat: 4.24 });
  assert.deepEqual(cdr!.total_energy_cost, { excl_vat: 3.5 });
  assert.equal(cdr!.total_energy, 10);
  assert.equal(cdr!.total_time, 1);
  assert.deepEqual([cdr!.cdr_token.uid, cdr!.cdr_token.type, cdr!.auth_method], ['TAG1', 'APP_USER', 'COMMAND']);
  assert.deepEqual([cdr!.cdr_location.id, cdr!.cdr_location.evse_uid, cdr!.cdr_location.connector_id], ['CP001', 'CP001*1', '1']);
  assert.deepEqual(cdr!.tariffs.map((t) => [t.id, t.start_date_time]), [['standard', '2025-01-01T00:00:00.000Z']], 'only the version the session used');
  assert.deepEqual(cdr!.charging_periods[0]!.dimensions.map((d) => d.type), ['ENERGY', 'TIME']);
  assert.equal(cdr!.last_updated, '2025-01-10T09:00:01.000Z');
  await app.close();
});

test('the OCPI export takes cdr_location from the station\'s site, read once per station, and then validates', async () => {
  const { app, billing } = await billingApp();
  billing.tariffs.set('standard', tariffViewWith([eurVersion()]));
  billing.sites.set('CP001', exampleSite);
  billing.cdrs.push(cdrFixture(), cdrFixture({ cdrId: 'cdr-2', transactionId: 8 }), cdrFixture({ cdrId: 'cdr-3', chargePointId: 'CP002' }));
  const response = await app.inject({ method: 'GET', url: `/cdrs/export?format=ocpi&${period}`, headers: as('viewer') });
  assert.equal(response.statusCode, 200, response.body);
  const [first, second, unsited] = response.json<OcpiCdr[]>();
  assert.deepEqual([first, second].map((cdr) => ocpiCdrProblems(cdr)), [[], []]);
  assert.deepEqual([first!.cdr_location.city, first!.cdr_location.coordinates], ['Utrecht', exampleSite.coordinates]);
  assert.equal(unsited!.cdr_location.address, '', 'a station without a site keeps an empty location');
  assert.deepEqual(billing.calls.filter((call) => call.name === 'stationSites'), [{ name: 'stationSites', args: { ids: ['CP001', 'CP002'] } }]);
  await app.close();
});

test('GET /cdrs/credits lists credits with their filters', async () => {
  const { app, billing } = await billingApp();
  billing.credits.push({
    creditId: 'credit-1', creditedCdrId: 'cdr-1', chargePointId: 'CP001', transactionId: 7, currency: 'EUR',
    totalExclVatMinor: 350, vatMinor: 74, totalInclVatMinor: 424, reason: 'Re-rated', requestedBy: 'key:operator-key', at: '2025-01-20T00:00:00.000Z',
  });
  const response = await app.inject({ method: 'GET', url: `/cdrs/credits?chargePointId=CP001&${period}`, headers: as('viewer') });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.json<{ items: { creditId: string }[] }>().items[0]!.creditId, 'credit-1');
  assert.deepEqual(billing.calls.at(-1), { name: 'listCredits', args: { chargePointId: 'CP001', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', limit: 50, offset: 0 } });
  await app.close();
});
