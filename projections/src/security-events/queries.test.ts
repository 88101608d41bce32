import { test } from 'node:test';
import assert from 'node:assert/strict';
import { securityEventWhere } from './queries.ts';

test('no filter, no where clause', () => {
  assert.deepEqual(securityEventWhere({ limit: 10, offset: 0 }), { sql: '', values: [] });
});

test('every filter is a numbered condition: station, type, and a half-open time range', () => {
  assert.deepEqual(securityEventWhere({
    limit: 10, offset: 0, chargePointId: 'CP001', type: 'SecurityEventReported', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z',
  }), {
    sql: 'WHERE charge_point_id = $1 AND type = $2 AND at >= $3 AND at < $4',
    values: ['CP001', 'SecurityEventReported', new Date('2025-01-01T00:00:00Z'), new Date('2025-02-01T00:00:00Z')],
  });
  assert.deepEqual(securityEventWhere({ limit: 10, offset: 0, to: '2025-02-01T00:00:00Z' }).sql, 'WHERE at < $1');
});
