import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChargePoint } from '@csms/contracts';
import { exampleSite } from '@csms/contracts/test-station-site.ts';
import { recordingDb, type RecordedStatement } from '../test-recording-db.ts';
import { T0 } from '../test-events.ts';
import { chargePointsProjection } from './projector.ts';
import { stationSites } from './queries.ts';

const at = { topic: 'chargePoints', partition: 0, offset: 4 } as const;
const registration: ChargePoint = {
  id: 'CP001', name: 'Depot 1', location: 'Bay 3', registrationStatus: 'Accepted', updatedAt: T0, securityProfile: 0, updatedBy: 'key:k1',
  site: exampleSite,
};

/** The site columns an upsert writes, by name. */
function siteColumnsOf(statement: RecordedStatement | undefined): Record<string, unknown> {
  const columns = /^INSERT INTO charge_points \(([^)]*)\)/.exec(statement?.text ?? '')?.[1]?.split(', ') ?? [];
  return Object.fromEntries(columns.map((column, i) => [column, statement?.values[i]]).filter(([column]) => String(column).startsWith('site_')));
}

const cleared = {
  site_address: null, site_city: null, site_postal_code: null, site_country: null, site_latitude: null, site_longitude: null, site_time_zone: null,
};

test('a registration with a site stores every part of it, coordinates as written', async () => {
  const db = recordingDb();
  await chargePointsProjection.apply(db, { topic: 'chargePoints', key: 'CP001', value: registration }, at);
  assert.deepEqual(siteColumnsOf(db.statements[0]), {
    site_address: 'Stationsplein 12', site_city: 'Utrecht', site_postal_code: '3511 ED', site_country: 'NLD',
    site_latitude: '52.089444', site_longitude: '5.110278', site_time_zone: 'Europe/Amsterdam',
  });
});

test('a registration without a site clears the one stored before', async () => {
  const db = recordingDb();
  await chargePointsProjection.apply(db, { topic: 'chargePoints', key: 'CP001', value: { ...registration, site: null } }, at);
  assert.match(db.statements[0]?.text ?? '', /site_address = EXCLUDED\.site_address/);
  assert.deepEqual(siteColumnsOf(db.statements[0]), cleared);
});

test('a tombstone clears the site with the rest of the registration', async () => {
  const db = recordingDb();
  await chargePointsProjection.apply(db, { topic: 'chargePoints', key: 'CP001', value: null }, at);
  assert.deepEqual(siteColumnsOf(db.statements[0]), cleared);
  assert.deepEqual(db.statements[1], { text: 'DELETE FROM charge_points WHERE id = $1 AND last_seen_at IS NULL', values: ['CP001'] });
});

test('stationSites reads the sites of the stations asked for, and asks nothing for none', async () => {
  const db = recordingDb(() => [{
    id: 'CP001', site_address: 'Stationsplein 12', site_city: 'Utrecht', site_postal_code: '3511 ED', site_country: 'NLD',
    site_latitude: '52.089444', site_longitude: '5.110278', site_time_zone: 'Europe/Amsterdam',
  }]);
  assert.deepEqual(await stationSites(db, ['CP001', 'CP002']), new Map([['CP001', exampleSite]]));
  assert.deepEqual(db.statements[0]?.values, [['CP001', 'CP002']]);
  assert.equal((await stationSites(db, [])).size, 0);
  assert.equal(db.statements.length, 1);
});
