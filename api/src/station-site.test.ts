// A station's site through the registration routes and into the OCPI CDR export, with fakes at
// the ports: what is refused, what is written to the chargePoints topic, what the export shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ocpiCdrProblems, type ChargePoint } from '@csms/contracts';
import { exampleSite } from '@csms/contracts/test-station-site.ts';
import { ocpiCdrOf } from './cdr-ocpi.ts';
import { exampleSiteBody } from './station-site.ts';
import { as, testApp } from './test-app.ts';
import { cdrFixture, eurVersion } from './test-billing.ts';
import { chargePointRow, fakeDb } from './test-db.ts';

interface ErrorReply { error: { code: string; message: string } }

async function refused(site: unknown, message: RegExp): Promise<void> {
  const { app, written } = await testApp({ pool: fakeDb() });
  const response = await app.inject({ method: 'POST', url: '/charge-points', headers: as('admin'), payload: { id: 'CP1', site } });
  assert.equal(response.statusCode, 400, response.body);
  const { error } = response.json<ErrorReply>();
  assert.equal(error.code, 'VALIDATION_FAILED');
  assert.match(error.message, message);
  assert.equal(written.length, 0, 'nothing is written for a refused site');
  await app.close();
}

const withCoordinates = (latitude: string, longitude = '5.110278') => ({ ...exampleSiteBody, coordinates: { latitude, longitude } });

test('a country that is not ISO 3166-1 alpha-3 is refused', async () => {
  for (const country of ['NL', 'nld', 'NLDX']) await refused({ ...exampleSiteBody, country }, /body\/site\/country must match pattern/);
});

test('a latitude or longitude outside the OCPI pattern or the globe is refused', async () => {
  await refused(withCoordinates('52.0'), /body\/site\/coordinates\/latitude must match pattern/);
  await refused(withCoordinates('52,089444'), /body\/site\/coordinates\/latitude must match pattern/);
  await refused(withCoordinates('91.00000'), /latitude must be within -90 and 90 degrees/);
  await refused(withCoordinates('52.08944', '181.00000'), /longitude must be within -180 and 180 degrees/);
});

test('a NUL in the address, a line break, an address over 45 characters or an unknown time zone is refused', async () => {
  await refused({ ...exampleSiteBody, address: 'Stations\u0000plein 12' }, /body\/site\/address contains a control character/);
  await refused({ ...exampleSiteBody, address: 'Stationsplein\n12' }, /single lines/);
  await refused({ ...exampleSiteBody, address: 'x'.repeat(46) }, /body\/site\/address must NOT have more than 45 characters/);
  await refused({ ...exampleSiteBody, postalCode: '12345678901' }, /body\/site\/postalCode must NOT have more than 10 characters/);
  await refused({ ...exampleSiteBody, timeZone: 'Mars/Olympus' }, /timeZone is not an IANA time zone/);
  await refused({ address: 'Stationsplein 12', city: 'Utrecht', country: 'NLD' }, /coordinates/);
});

function registrations(written: readonly { topic: string; value: Buffer | null }[]): ChargePoint[] {
  return written.filter((w) => w.topic === 'chargePoints').map((w) => JSON.parse(w.value!.toString('utf8')) as ChargePoint);
}

test('POST writes the site with its optional parts null when left out, and answers it', async () => {
  const { app, written } = await testApp({ pool: fakeDb() });
  const { postalCode: _postalCode, timeZone: _timeZone, ...required } = exampleSiteBody;
  const response = await app.inject({ method: 'POST', url: '/charge-points', headers: as('admin'), payload: { id: 'CP1', location: 'Bay 2', site: required } });
  assert.equal(response.statusCode, 202, response.body);
  const site = { ...exampleSite, postalCode: null, timeZone: null };
  assert.deepEqual(registrations(written).map((r) => [r.location, r.site]), [['Bay 2', site]]);
  assert.deepEqual(response.json<{ site: unknown }>().site, site);
  await app.close();
});

test('PUT keeps the site when it is left out and clears it with null', async () => {
  const row = chargePointRow('CP001', {
    site_address: exampleSite.address, site_city: exampleSite.city, site_postal_code: exampleSite.postalCode, site_country: 'NLD',
    site_latitude: exampleSite.coordinates.latitude, site_longitude: exampleSite.coordinates.longitude, site_time_zone: exampleSite.timeZone,
  });
  const { app, written } = await testApp({ pool: fakeDb({ chargePoints: new Map([['CP001', row]]) }) });
  const shown = await app.inject({ method: 'GET', url: '/charge-points/CP001', headers: as('viewer') });
  assert.deepEqual(shown.json<{ site: unknown }>().site, exampleSite);
  for (const payload of [{ name: 'Renamed' }, { site: null }]) {
    const response = await app.inject({ method: 'PUT', url: '/charge-points/CP001', headers: as('admin'), payload });
    assert.equal(response.statusCode, 202, response.body);
  }
  assert.deepEqual(registrations(written).map((r) => [r.name, r.site]), [['Renamed', exampleSite], [null, null]]);
  await app.close();
});

const party = { countryCode: 'NL', partyId: 'CSM' };

test('a CDR of a station with a site is a valid OCPI 2.2.1 CDR whose location is the site', () => {
  const cdr = ocpiCdrOf(cdrFixture(), party, [eurVersion()], exampleSite);
  assert.deepEqual(ocpiCdrProblems(cdr), []);
  const { address, city, postal_code, country, coordinates, evse_uid, connector_id } = cdr.cdr_location;
  assert.deepEqual(
    { address, city, postal_code, country, coordinates, evse_uid, connector_id },
    { address: 'Stationsplein 12', city: 'Utrecht', postal_code: '3511 ED', country: 'NLD', coordinates: exampleSite.coordinates, evse_uid: 'CP001*1', connector_id: '1' },
  );
  const noPostalCode = ocpiCdrOf(cdrFixture(), party, [eurVersion()], { ...exampleSite, postalCode: null });
  assert.equal('postal_code' in noPostalCode.cdr_location, false, 'left out, not null');
  assert.deepEqual(ocpiCdrProblems(noPostalCode), []);
});

test('a CDR of a station without a site keeps its location empty, which OCPI refuses', () => {
  const cdr = ocpiCdrOf(cdrFixture(), party, [eurVersion()], null);
  assert.deepEqual([cdr.cdr_location.address, cdr.cdr_location.country], ['', '']);
  assert.ok(ocpiCdrProblems(cdr).some((problem) => problem.startsWith('/cdr_location/')));
});
