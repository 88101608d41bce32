// What the api shows and takes of OCPP 2.0.1 stations: the device model route, id tags with a
// token type, the transaction filter by remoteStartId and the protocol a station speaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { IdTag } from '@csms/contracts';
import type { Db } from '@csms/projections';
import { chargePointRow, type FakeRow } from './test-db.ts';
import { as, testApp, type Written } from './test-app.ts';

interface ErrorReply { error: { code: string; message: string } }
const AT = new Date('2025-01-15T10:00:00Z');

/** A database port answering each read by the first table it names; count(*) counts those rows. */
function tablesDb(tables: Readonly<Record<string, readonly FakeRow[]>>): Db & { queries: { text: string; values: unknown[] }[] } {
  const queries: { text: string; values: unknown[] }[] = [];
  return {
    queries,
    async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
      queries.push({ text, values });
      const table = /FROM (\w+)/.exec(text)?.[1] ?? '';
      const rows = tables[table] ?? [];
      const answer = text.includes('count(*)') ? [{ total: rows.length }] : rows;
      return { rows: answer as unknown as R[], rowCount: answer.length, command: 'SELECT', oid: 0, fields: [] };
    },
  };
}

const variable = {
  charge_point_id: 'CP201', variable_key: '["ocppcommctrlr",null,null,null,"heartbeatinterval",null,"actual"]', component: 'OCPPCommCtrlr',
  component_instance: null, evse_id: null, connector_id: null, variable: 'HeartbeatInterval', variable_instance: null, attribute_type: 'Actual',
  value: '300', mutability: 'ReadWrite', persistent: true, constant: false, data_type: 'integer', unit: 's', values_list: null, min_limit: 1,
  max_limit: 86_400, last_status: 'Accepted', updated_at: AT, source: 'GetVariables',
};
const report = {
  charge_point_id: 'CP201', request_id: 5, seq_nos: [0, 1, 3], final_seq_no: null, complete: false, first_part_at: AT, last_part_at: new Date(AT.getTime() + 3_000),
};

test('GET /charge-points/:id/variables: the device model, filtered and paged, with the latest report\'s progress', async () => {
  const pool = tablesDb({ charge_points: [chargePointRow('CP201')], device_variables: [variable], device_model_reports: [report] });
  const { app } = await testApp({ pool });
  const response = await app.inject({ method: 'GET', url: '/charge-points/CP201/variables?component=ocppcommctrlr&variable=HeartbeatInterval&limit=5', headers: as('viewer') });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json(), {
    complete: false,
    variables: [{
      component: 'OCPPCommCtrlr', componentInstance: null, evseId: null, connectorId: null, variable: 'HeartbeatInterval', variableInstance: null,
      attributeType: 'Actual', value: '300', mutability: 'ReadWrite', persistent: true, constant: false, dataType: 'integer', unit: 's',
      valuesList: null, minLimit: 1, maxLimit: 86_400, lastStatus: 'Accepted', updatedAt: AT.toISOString(), source: 'GetVariables',
    }],
    total: 1, limit: 5, offset: 0,
    report: {
      requestId: 5, complete: false, partsReceived: 3, lastPartReceived: false, missingCount: 1, missingSeqNos: [2],
      startedAt: AT.toISOString(), updatedAt: new Date(AT.getTime() + 3_000).toISOString(),
    },
  });
  const read = pool.queries.find((q) => q.text.startsWith('SELECT * FROM device_variables'));
  assert.deepEqual(read?.values, ['CP201', 'ocppcommctrlr', 'HeartbeatInterval', 5, 0]);
  await app.close();
});

test('GET /charge-points/:id/variables: complete once the latest report\'s last part came and none is missing', async () => {
  const done = { ...report, seq_nos: [0, 1, 2], final_seq_no: 2, complete: true };
  const { app } = await testApp({ pool: tablesDb({ charge_points: [chargePointRow('CP201')], device_model_reports: [done] }) });
  const body = (await app.inject({ method: 'GET', url: '/charge-points/CP201/variables', headers: as('viewer') })).json<{ complete: boolean; report: { missingCount: number } }>();
  assert.deepEqual([body.complete, body.report.missingCount], [true, 0]);
  await app.close();
});

test('GET /charge-points/:id/variables: no report yet is null; an unknown station is a 404', async () => {
  const { app } = await testApp({ pool: tablesDb({ charge_points: [chargePointRow('CP201')] }) });
  const empty = await app.inject({ method: 'GET', url: '/charge-points/CP201/variables', headers: as('viewer') });
  assert.deepEqual(empty.json(), { complete: false, report: null, variables: [], total: 0, limit: 1_000, offset: 0 });
  await app.close();
  const { app: none } = await testApp({ pool: tablesDb({}) });
  const missing = await none.inject({ method: 'GET', url: '/charge-points/CP404/variables', headers: as('viewer') });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json<ErrorReply>().error.code, 'CHARGE_POINT_NOT_FOUND');
  const long = await none.inject({ method: 'GET', url: `/charge-points/CP201/variables?component=${'X'.repeat(51)}`, headers: as('viewer') });
  assert.equal(long.statusCode, 400);
  await none.close();
});

function idTagWritten(written: readonly Written[]): IdTag {
  return JSON.parse(written.at(-1)!.value!.toString('utf8')) as IdTag;
}

const tagRow = (fields: FakeRow = {}) => ({
  id_tag: 'EMAID-0001', status: 'Accepted', expiry_date: null, parent_id_tag: null, updated_at: AT, id_token_type: 'eMAID', ...fields,
});

test('POST /id-tags takes an OCPP 2.0.1 token type, and a typed token of up to 36 characters', async () => {
  const { app, written } = await testApp({ pool: tablesDb({}), readYourWrites: { timeoutMs: 1, intervalMs: 1 } });
  const uuid = 'f3b7c1d2-4e5a-4b6c-8d7e-9f0a1b2c3d4e';
  const response = await app.inject({ method: 'POST', url: '/id-tags', headers: as('operator'), payload: { idTag: uuid, idTokenType: 'Central' } });
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual([response.json().idTokenType, idTagWritten(written).idTokenType, idTagWritten(written).idTag], ['Central', 'Central', uuid]);
  const untyped = await app.inject({ method: 'POST', url: '/id-tags', headers: as('operator'), payload: { idTag: 'RFID-1' } });
  assert.deepEqual([untyped.json().idTokenType, idTagWritten(written).idTokenType], [null, null]);
  await app.close();
});

test('POST /id-tags refuses a type OCPP 2.0.1 does not have, and a long tag without a type', async () => {
  const { app, written } = await testApp({ pool: tablesDb({}) });
  const unknown = await app.inject({ method: 'POST', url: '/id-tags', headers: as('operator'), payload: { idTag: 'A', idTokenType: 'Barcode' } });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json<ErrorReply>().error.message, /idTokenType must be equal to one of the allowed values/);
  const long = await app.inject({ method: 'POST', url: '/id-tags', headers: as('operator'), payload: { idTag: 'X'.repeat(21), idTokenType: null } });
  assert.equal(long.statusCode, 400);
  assert.match(long.json<ErrorReply>().error.message, /body\/idTag must NOT have more than 20 characters without an idTokenType/);
  const tooLong = await app.inject({ method: 'POST', url: '/id-tags', headers: as('operator'), payload: { idTag: 'X'.repeat(37), idTokenType: 'Central' } });
  assert.equal(tooLong.statusCode, 400);
  assert.deepEqual(written, []);
  await app.close();
});

test('PUT /id-tags keeps the token type when the body does not name one, and null makes it any type again', async () => {
  const { app, written } = await testApp({ pool: tablesDb({ id_tags: [tagRow()] }), readYourWrites: { timeoutMs: 1, intervalMs: 1 } });
  const kept = await app.inject({ method: 'PUT', url: '/id-tags/EMAID-0001', headers: as('operator'), payload: { status: 'Blocked' } });
  assert.equal(kept.statusCode, 202, kept.body);
  assert.deepEqual([idTagWritten(written).status, idTagWritten(written).idTokenType], ['Blocked', 'eMAID']);
  await app.inject({ method: 'PUT', url: '/id-tags/EMAID-0001', headers: as('operator'), payload: { idTokenType: 'ISO14443' } });
  assert.equal(idTagWritten(written).idTokenType, 'ISO14443');
  await app.inject({ method: 'PUT', url: '/id-tags/EMAID-0001', headers: as('operator'), payload: { idTokenType: null } });
  assert.equal(idTagWritten(written).idTokenType, null);
  await app.close();
});

test('PUT /id-tags refuses to drop the type of a tag longer than a 1.6 one', async () => {
  const long = 'f3b7c1d2-4e5a-4b6c-8d7e-9f0a1b2c3d4e';
  const { app, written } = await testApp({ pool: tablesDb({ id_tags: [tagRow({ id_tag: long, id_token_type: 'Central' })] }) });
  const response = await app.inject({ method: 'PUT', url: `/id-tags/${long}`, headers: as('operator'), payload: { idTokenType: null } });
  assert.equal(response.statusCode, 400, response.body);
  assert.deepEqual(written, []);
  await app.close();
});

test('GET /id-tags shows the token type', async () => {
  const { app } = await testApp({ pool: tablesDb({ id_tags: [tagRow(), tagRow({ id_tag: 'RFID-1', id_token_type: null })] }) });
  const page = (await app.inject({ method: 'GET', url: '/id-tags', headers: as('viewer') })).json<{ items: { idTag: string; idTokenType: string | null }[] }>();
  assert.deepEqual(page.items.map((t) => [t.idTag, t.idTokenType]), [['EMAID-0001', 'eMAID'], ['RFID-1', null]]);
  await app.close();
});

test('GET /transactions?remoteStartId= filters on it and the views carry the 2.0.1 fields', async () => {
  const transaction = {
    transaction_id: 8, charge_point_id: 'CP201', connector_id: 1, id_tag: 'EMAID-0001', id_tag_status: 'Accepted', reservation_id: null,
    meter_start_wh: 500, meter_stop_wh: null, energy_wh: null, started_at: AT, stopped_at: null, duration_seconds: null, stop_reason: null,
    status: 'Active', station_transaction_id: 'tx-8', evse_connector_id: 2, id_token_type: 'eMAID', remote_start_id: 4711, last_seq_no: 3,
    missing_seq_nos: [1], trigger_reason: 'ChargingStateChanged', charging_state: 'SuspendedEV', offline: true,
  };
  const pool = tablesDb({ transactions: [transaction] });
  const { app } = await testApp({ pool });
  const page = await app.inject({ method: 'GET', url: '/transactions?remoteStartId=4711', headers: as('viewer') });
  assert.equal(page.statusCode, 200, page.body);
  const [item] = page.json<{ items: Record<string, unknown>[] }>().items;
  assert.deepEqual(
    [item?.stationTransactionId, item?.evseConnectorId, item?.idTokenType, item?.remoteStartId, item?.lastSeqNo, item?.missingSeqNos, item?.triggerReason, item?.chargingState, item?.offline],
    ['tx-8', 2, 'eMAID', 4711, 3, [1], 'ChargingStateChanged', 'SuspendedEV', true],
  );
  assert.deepEqual(pool.queries[0]?.values, [4711, 50, 0]);
  assert.match(pool.queries[0]!.text, /WHERE remote_start_id = \$1/);
  await app.close();
});

test('the charge point shows the protocol of its latest connection; its connectors the connector within the EVSE', async () => {
  const pool = tablesDb({
    charge_points: [chargePointRow('CP201', { protocol: 'ocpp2.0.1' })],
    connectors: [
      { connector_id: 1, evse_connector_id: 1, status: 'Available', error_code: 'NoError', info: null, vendor_id: null, vendor_error_code: null, status_at: AT },
      { connector_id: 1, evse_connector_id: 2, status: 'Occupied', error_code: 'NoError', info: null, vendor_id: null, vendor_error_code: null, status_at: AT },
    ],
  });
  const { app } = await testApp({ pool });
  const detail = (await app.inject({ method: 'GET', url: '/charge-points/CP201', headers: as('viewer') })).json<{
    protocol: string; connectors: { connectorId: number; evseConnectorId: number | null; status: string }[];
  }>();
  assert.equal(detail.protocol, 'ocpp2.0.1');
  assert.deepEqual(detail.connectors.map((c) => [c.connectorId, c.evseConnectorId, c.status]), [[1, 1, 'Available'], [1, 2, 'Occupied']]);
  await app.close();
});
