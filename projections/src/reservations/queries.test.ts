import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reservationWhere } from './queries.ts';

test('no filter, no where clause', () => {
  assert.deepEqual(reservationWhere({ limit: 10, offset: 0 }), { sql: '', values: [] });
});

test('active and ended split on the Active status', () => {
  assert.deepEqual(reservationWhere({ limit: 10, offset: 0, chargePointId: 'CP001', status: 'active' }), {
    sql: `WHERE charge_point_id = $1 AND status = 'Active'`, values: ['CP001'],
  });
  assert.deepEqual(reservationWhere({ limit: 10, offset: 0, status: 'ended' }), { sql: `WHERE status <> 'Active'`, values: [] });
});
