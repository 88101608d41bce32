import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transactionWhere } from './queries.ts';

test('no filter, no where clause', () => {
  assert.deepEqual(transactionWhere({ limit: 10, offset: 0 }), { sql: '', values: [] });
});

test('filters are numbered in order', () => {
  const where = transactionWhere({ limit: 10, offset: 0, chargePointId: 'CP001', status: 'Active', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' });
  assert.equal(where.sql, 'WHERE charge_point_id = $1 AND status = $2 AND started_at >= $3 AND started_at < $4');
  assert.deepEqual(where.values, ['CP001', 'Active', new Date('2025-01-01T00:00:00Z'), new Date('2025-02-01T00:00:00Z')]);
});

test('a remoteStartId finds the transaction a RequestStartTransaction started', () => {
  assert.deepEqual(transactionWhere({ limit: 10, offset: 0, chargePointId: 'CP201', remoteStartId: 4711 }), {
    sql: 'WHERE charge_point_id = $1 AND remote_start_id = $2', values: ['CP201', 4711],
  });
});

test("a 2.0.1 station's own transaction id finds its transaction", () => {
  assert.deepEqual(transactionWhere({ limit: 10, offset: 0, chargePointId: 'CP201', stationTransactionId: 'tx-8' }), {
    sql: 'WHERE charge_point_id = $1 AND station_transaction_id = $2', values: ['CP201', 'tx-8'],
  });
});
