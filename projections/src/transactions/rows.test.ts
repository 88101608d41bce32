import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampled, started, stopped, T0 } from '../test-events.ts';
import { meterValueRows, startedRow, stoppedRow, transactionDataRows } from './rows.ts';

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
