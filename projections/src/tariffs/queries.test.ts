import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignmentWhere } from './queries.ts';

test('assignments filter by tariff and by station', () => {
  assert.deepEqual(assignmentWhere({}), { sql: '', values: [] });
  assert.deepEqual(assignmentWhere({ tariffId: 'T-STD', chargePointId: 'CP001' }), {
    sql: 'WHERE tariff_id = $1 AND charge_point_id = $2', values: ['T-STD', 'CP001'],
  });
});
