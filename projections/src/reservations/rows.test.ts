import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0 } from '../test-events.ts';
import { reservationEnded, reservationMade } from '../test-station-facts.ts';
import { endedRow, madeRow } from './rows.ts';

test('a reservation made is Active until its expiry, and clears how a previous one of that id ended', () => {
  const row = madeRow(reservationMade('CP001', 7, T0, 2));
  assert.equal(row.status, 'Active');
  assert.equal(row.connector_id, 2);
  assert.deepEqual(row.expiry_date, new Date(T0 + 3_600_000));
  assert.deepEqual(row.made_at, new Date(T0));
  assert.equal(row.ended_at, null);
  assert.equal(row.transaction_id, null);
});

test('an end records its reason, time and transaction and leaves the reservation columns alone', () => {
  const row = endedRow(reservationEnded('CP001', 7, 'Used', T0 + 60_000, 42));
  assert.deepEqual(row, {
    charge_point_id: 'CP001', reservation_id: 7, status: 'Used', ended_at: new Date(T0 + 60_000), transaction_id: 42,
  });
});
