// The fleet's search, filters, paging and summary on the real PostgreSQL, over the charge_points
// and connections read models as the projections leave them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { fleetSummary, listFleet } from './queries.ts';

let env: TestEnvironment;
let pool: pg.Pool;

const at = new Date('2026-12-01T10:00:00Z');

before(async () => {
  env = await startTestEnvironment();
  pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
  const stations: Array<[id: string, name: string | null, vendor: string | null, firmware: string | null, required: number | null]> = [
    ['CP-A1', 'Depot 50%_off', 'ABB', '1.4.0', 1],
    ['CP-A2', null, 'ABB', '1.5.0', null],
    ['CP-B1', 'Harbour', 'Alfen', '2.0.1-rc', 2],
    ['CP-C1', null, null, null, null],
  ];
  for (const [id, name, vendor, firmware, required] of stations) {
    await pool.query(
      `INSERT INTO charge_points (id, registered, name, vendor, model, firmware_version, security_profile, last_boot_at, last_seen_at)
       VALUES ($1, $2, $3, $4, 'M', $5, $6, $7, $7)`,
      [id, required !== null, name, vendor, firmware, required, at],
    );
  }
  // CP-C1 never connected; CP-A2 was and is gone.
  const connections: Array<[id: string, connected: boolean, node: number, protocol: string, proven: number | null]> = [
    ['CP-A1', true, 0, 'ocpp1.6', 1], ['CP-A2', false, 1, 'ocpp1.6', 0], ['CP-B1', true, 3, 'ocpp2.0.1', 2],
  ];
  for (const [id, connected, node, protocol, proven] of connections) {
    await pool.query(
      `INSERT INTO connections (charge_point_id, connected, node, connection_id, protocol, security_profile, connected_at)
       VALUES ($1, $2, $3, 'c', $4, $5, $6)`,
      [id, connected, node, protocol, proven, at],
    );
  }
});

after(async () => {
  await pool.end();
  await env.stop();
});

const ids = async (filter: Parameters<typeof listFleet>[1]) => (await listFleet(pool, filter)).items.map((s) => s.id);
const page = { limit: 50, offset: 0 };

test('every station is listed with its connection, never-connected ones too', async () => {
  const { items, total } = await listFleet(pool, page);
  assert.equal(total, 4);
  const b1 = items.find((s) => s.id === 'CP-B1');
  assert.deepEqual(
    { connected: b1?.connected, node: b1?.node, protocol: b1?.protocol, securityProfile: b1?.securityProfile, required: b1?.requiredSecurityProfile },
    { connected: true, node: 3, protocol: 'ocpp2.0.1', securityProfile: 2, required: 2 },
  );
  const c1 = items.find((s) => s.id === 'CP-C1');
  assert.deepEqual([c1?.connected, c1?.node, c1?.protocol], [false, null, null]);
});

test('search matches id, name, vendor, model and firmware, case-insensitively and literally', async () => {
  assert.deepEqual(await ids({ ...page, search: 'abb' }), ['CP-A1', 'CP-A2']);
  assert.deepEqual(await ids({ ...page, search: 'harb' }), ['CP-B1']);
  assert.deepEqual(await ids({ ...page, search: 'rc' }), ['CP-B1']);
  assert.deepEqual(await ids({ ...page, search: '50%_' }), ['CP-A1']);
  assert.deepEqual(await ids({ ...page, search: '%' }), ['CP-A1'], 'a wildcard is a character');
  assert.deepEqual(await ids({ ...page, search: 'ABBM' }), [], 'no match across two columns');
});

test('filters by connection and protocol, pages, and counts past the last page', async () => {
  assert.deepEqual(await ids({ ...page, connected: true }), ['CP-A1', 'CP-B1']);
  assert.deepEqual(await ids({ ...page, connected: false }), ['CP-A2', 'CP-C1']);
  assert.deepEqual(await ids({ ...page, protocol: 'ocpp1.6', connected: false }), ['CP-A2']);
  assert.deepEqual(await ids({ limit: 2, offset: 2 }), ['CP-B1', 'CP-C1']);
  const past = await listFleet(pool, { limit: 2, offset: 10, search: 'cp-' });
  assert.deepEqual([past.items.length, past.total], [0, 4]);
});

test('the summary counts the whole fleet by connection and protocol', async () => {
  assert.deepEqual(await fleetSummary(pool), { stations: 4, connected: 2, protocols: { 'ocpp1.6': 2, 'ocpp2.0.1': 1 } });
});
