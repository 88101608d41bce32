import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { Db } from '@csms/projections';
import { as, testApp } from './test-app.ts';
import { chargePointRow } from './test-db.ts';

const AT = new Date('2025-01-15T10:00:00Z');

interface Query { readonly text: string; readonly values: readonly unknown[] }

/** A database port answering by table: `rows` for a SELECT *, their count for a count(*). */
function tableDb(table: string, rows: readonly object[]): Db & { queries: Query[] } {
  const queries: Query[] = [];
  return {
    queries,
    async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
      queries.push({ text, values });
      const answer = !text.includes(`FROM ${table}`) ? [] : text.includes('count(*)') ? [{ total: rows.length }] : rows;
      return { rows: answer as unknown as R[], rowCount: answer.length, command: 'SELECT', oid: 0, fields: [] };
    },
  };
}

const reported = {
  source_partition: 3, source_offset: 41, charge_point_id: 'CP001', type: 'SecurityEventReported', at: AT,
  event_type: 'InvalidCentralSystemCertificate', station_timestamp: new Date(AT.getTime() - 2_000), tech_info: 'CN mismatch',
  node: null, remote_address: null, connection_id: null, previous_connection_id: null, previous_remote_address: null,
  presented_profile: null, required_profile: null, reason: null, detail: null, request_id: null, command_id: null,
  serial_number: null, subject: null, not_after: null,
};

test('GET /charge-points/:id/security-events pages the station\'s events newest first, filtered by type', async () => {
  const pool = tableDb('security_events', [reported]);
  const { app } = await testApp({ pool });
  const response = await app.inject({ method: 'GET', url: '/charge-points/CP001/security-events?type=SecurityEventReported&limit=10&offset=20', headers: as('viewer') });
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json<{ items: Record<string, unknown>[]; total: number; limit: number; offset: number }>();
  assert.deepEqual({ total: body.total, limit: body.limit, offset: body.offset }, { total: 1, limit: 10, offset: 20 });
  assert.deepEqual(body.items[0], {
    id: '3:41', chargePointId: 'CP001', type: 'SecurityEventReported', at: AT.toISOString(),
    eventType: 'InvalidCentralSystemCertificate', stationTimestamp: '2025-01-15T09:59:58.000Z', techInfo: 'CN mismatch',
    node: null, remoteAddress: null, connectionId: null, previousConnectionId: null, previousRemoteAddress: null,
    presentedProfile: null, requiredProfile: null, reason: null, detail: null, requestId: null, commandId: null,
    serialNumber: null, subject: null, notAfter: null,
  });
  const select = pool.queries[0]!;
  assert.match(select.text, /WHERE charge_point_id = \$1 AND type = \$2\s+ORDER BY at DESC/);
  assert.deepEqual(select.values, ['CP001', 'SecurityEventReported', 10, 20]);
  await app.close();
});

test('GET /charge-points/:id/security-events answers for an identity known nowhere else, with what was recorded under it', async () => {
  const { app } = await testApp({ pool: tableDb('security_events', []) });
  const response = await app.inject({ method: 'GET', url: '/charge-points/NEVER-SEEN/security-events', headers: as('viewer') });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json(), { items: [], total: 0, limit: 50, offset: 0 });
  await app.close();
});

test('GET /security-events filters by station, type and a time range', async () => {
  const pool = tableDb('security_events', [reported]);
  const { app } = await testApp({ pool });
  const url = '/security-events?chargePointId=CP001&type=CertificateSigningRefused&from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z';
  const response = await app.inject({ method: 'GET', url, headers: as('viewer') });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(pool.queries[0]!.values, [
    'CP001', 'CertificateSigningRefused', new Date('2025-01-01T00:00:00Z'), new Date('2025-02-01T00:00:00Z'), 50, 0,
  ]);
  assert.match(pool.queries[1]!.text, /count\(\*\).*WHERE charge_point_id = \$1 AND type = \$2 AND at >= \$3 AND at < \$4/);
  await app.close();
});

test('GET /charge-points/:id shows the latest log upload and the signed firmware request', async () => {
  const chargePoint = chargePointRow('CP001', {
    updated_at: AT, last_seen_at: AT, firmware_status: 'SignatureVerified', firmware_request_id: 12, firmware_status_at: AT,
    log_status: 'Uploaded', log_status_request_id: 3, log_status_at: AT,
  });
  const { app } = await testApp({ pool: tableDb('charge_points', [chargePoint]) });
  const response = await app.inject({ method: 'GET', url: '/charge-points/CP001', headers: as('viewer') });
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json<Record<string, unknown>>();
  assert.deepEqual(
    [body.logStatus, body.logStatusRequestId, body.logStatusAt, body.firmwareStatus, body.firmwareRequestId],
    ['Uploaded', 3, AT.toISOString(), 'SignatureVerified', 12],
  );
  await app.close();
});
