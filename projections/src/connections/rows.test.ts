import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, disconnected, T0 } from '../test-events.ts';
import { connectedRow, disconnectedRow } from './rows.ts';

test('a connect opens the connection and clears the last close', () => {
  const row = connectedRow(connected('CP001', 'c-1', T0));
  assert.equal(row.connected, true);
  assert.equal(row.connection_id, 'c-1');
  assert.deepEqual(row.connected_at, new Date(T0));
  assert.equal(row.disconnected_at, null);
  assert.equal(row.close_code, null);
});

test('a disconnect names its connection and leaves the open columns alone', () => {
  const row = disconnectedRow(disconnected('CP001', 'c-1', T0 + 5_000));
  assert.equal(row.connected, false);
  assert.equal(row.connection_id, 'c-1');
  assert.equal(row.close_code, 1006);
  assert.deepEqual(row.disconnected_at, new Date(T0 + 5_000));
  assert.equal('connected_at' in row, false);
});
