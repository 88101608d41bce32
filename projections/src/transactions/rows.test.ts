import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampled, started, stopped, T0 } from '../test-events.ts';
import { signedSampled, started201, stopped201, updated201 } from '../test-ocpp201-events.ts';
import { toMeterValueView, type MeterValueRow } from './queries.ts';
import { meterValueRows, startedRow, stoppedRow, transactionDataRows, updatedRow } from './rows.ts';

const position = { topic: 'sessions', partition: 3, offset: 42 } as const;

test('a start is an Active transaction with the station timestamp', () => {
  const row = startedRow(started('CP001', 7, T0));
  assert.equal(row.status, 'Active');
  assert.equal(row.meter_start_wh, 1_000);
  assert.deepEqual(row.started_at, new Date(T0));
});

test('a stop completes the transaction with its energy and duration', () => {
  const row = stoppedRow(stopped('CP001', 7, T0 + 60_000, T0));
  assert.equal(row.status, 'Completed');
  assert.equal(row.energy_wh, 25_500);
  assert.equal(row.duration_seconds, 60);
  assert.equal(row.stop_reason, 'Local');
  assert.equal('meter_start_wh' in row, false, 'a stop must not erase what the start set');
});

test('meter values are keyed by their source record and sample index', () => {
  const rows = meterValueRows(sampled('CP001', 7, T0 + 30_000), position);
  assert.deepEqual(rows.map((r) => [r.source_partition, r.source_offset, r.sample_index]), [[3, 42, 0], [3, 42, 1]]);
  assert.equal(rows[1]?.measurand, 'Power.Active.Import');
  assert.equal(rows[0]?.transaction_id, 7);
  assert.deepEqual(rows[0]?.sampled_at, new Date(T0 + 29_900));
});

test('transaction data of a stop become meter values of that transaction', () => {
  const rows = transactionDataRows(stopped('CP001', 7, T0 + 60_000, T0), position);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.transaction_id, 7);
  assert.equal(rows[0]?.value, '26500');
});

test('a 1.6 transaction has none of the 2.0.1 columns, even though its facts default offline to false', () => {
  const start = startedRow(started('CP001', 7, T0));
  const stop = stoppedRow(stopped('CP001', 7, T0 + 60_000, T0));
  for (const column of ['station_transaction_id', 'evse_connector_id', 'id_token_type', 'remote_start_id', 'last_seq_no', 'trigger_reason', 'offline', 'missing_seq_nos']) {
    assert.equal(start[column], null, `start ${column}`);
  }
  assert.deepEqual([stop.station_transaction_id, stop.offline, stop.missing_seq_nos], [null, null, null]);
});

test('a 2.0.1 start keeps the station transaction id, the EVSE connector, the token type and the remoteStartId', () => {
  const row = startedRow(started201('CP201', 8, T0, 4711));
  assert.deepEqual(
    [row.connector_id, row.evse_connector_id, row.station_transaction_id, row.id_tag, row.id_token_type, row.remote_start_id],
    [1, 2, 'tx-8', 'EMAID-0001', 'eMAID', 4711],
  );
  assert.deepEqual([row.last_seq_no, row.trigger_reason, row.offline, row.missing_seq_nos], [0, 'RemoteStart', false, []]);
});

test('a 2.0.1 transaction first seen at a later seqNo starts with the seqNos it lacks', () => {
  const row = startedRow(started201('CP201', 9, T0, null, { seqNo: 3, missingSeqNos: [0, 1, 2] }));
  assert.deepEqual([row.last_seq_no, row.missing_seq_nos], [3, [0, 1, 2]]);
});

test('an update says only what it knows: no meter or start columns, and Active until a stop', () => {
  const row = updatedRow(updated201('CP201', 8, 3, T0 + 5_000, { chargingState: 'SuspendedEV', offline: true, missingSeqNos: [1, 2] }));
  assert.deepEqual(row, {
    transaction_id: 8, charge_point_id: 'CP201', status: 'Active', id_tag: null, id_token_type: null, charging_state: 'SuspendedEV',
    station_transaction_id: 'tx-8', last_seq_no: 3, trigger_reason: 'ChargingStateChanged', offline: true, missing_seq_nos: [1, 2],
  });
});

test('a 2.0.1 stop carries its seqNo, trigger and the seqNos still missing', () => {
  const row = stoppedRow(stopped201('CP201', 8, 6, T0 + 60_000, T0, [4]));
  assert.deepEqual([row.status, row.last_seq_no, row.trigger_reason, row.missing_seq_nos, row.offline], ['Completed', 6, 'EVCommunicationLost', [4], false]);
});

test('a signed reading keeps its signature beside the value and the EVSE connector', () => {
  const [signed, unsigned] = meterValueRows(signedSampled('CP201', 8, T0 + 1_000), position);
  assert.deepEqual(
    [signed?.evse_connector_id, signed?.signed_meter_data, signed?.signing_method, signed?.encoding_method, signed?.public_key],
    [2, 'AP///////wEAAA==', 'ECDSA-secp256r1-SHA256', 'OCMF', 'MFkwEwYHKoZIzj0CAQ=='],
  );
  assert.deepEqual([unsigned?.signed_meter_data, unsigned?.public_key], [null, null]);
  assert.equal(transactionDataRows(stopped('CP001', 7, T0 + 60_000, T0), position)[0]?.evse_connector_id, null);
});

test('the view returns the signature with its sample, or null', () => {
  const [signed, unsigned] = meterValueRows(signedSampled('CP201', 8, T0 + 1_000), position)
    .map((row) => toMeterValueView(row as unknown as MeterValueRow));
  assert.deepEqual(signed?.signedMeterValue, {
    signedMeterData: 'AP///////wEAAA==', signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: 'MFkwEwYHKoZIzj0CAQ==',
  });
  assert.equal(signed?.evseConnectorId, 2);
  assert.equal(unsigned?.signedMeterValue, null);
});
