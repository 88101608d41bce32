import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cdrWhere, creditWhere } from './queries.ts';

const BILLABLE = `(kind IN ('Final', 'Correction') AND credited_by IS NULL)`;

test('no CDR filter, no where clause', () => {
  assert.deepEqual(cdrWhere({}), { sql: '', values: [] });
});

test('CDR filters are numbered in order, the period on stoppedAt', () => {
  const where = cdrWhere({
    chargePointId: 'CP001', idTag: 'RFID-1', groupIdToken: 'FLEET-1', tariffId: 'T-STD', kind: 'Final',
    from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z',
  });
  assert.equal(where.sql, 'WHERE charge_point_id = $1 AND id_tag = $2 AND group_id_token = $3 AND tariff_id = $4 AND kind = $5'
    + ' AND stopped_at >= $6 AND stopped_at < $7');
  assert.deepEqual(where.values, ['CP001', 'RFID-1', 'FLEET-1', 'T-STD', 'Final', new Date('2025-01-01T00:00:00Z'), new Date('2025-02-01T00:00:00Z')]);
});

test('billable: Final or Correction and not credited; false asks for the rest', () => {
  assert.deepEqual(cdrWhere({ billable: true }), { sql: `WHERE ${BILLABLE} = $1`, values: [true] });
  assert.deepEqual(cdrWhere({ chargePointId: 'CP001', billable: false }), { sql: `WHERE charge_point_id = $1 AND ${BILLABLE} = $2`, values: ['CP001', false] });
});

test('paging is no part of the where clause', () => {
  assert.deepEqual(cdrWhere({ limit: 10, offset: 20, kind: 'Correction' } as Parameters<typeof cdrWhere>[0]), { sql: 'WHERE kind = $1', values: ['Correction'] });
});

test('credits filter by station and by when they were written', () => {
  assert.deepEqual(creditWhere({}), { sql: '', values: [] });
  assert.deepEqual(creditWhere({ chargePointId: 'CP001', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' }), {
    sql: 'WHERE charge_point_id = $1 AND at >= $2 AND at < $3',
    values: ['CP001', new Date('2025-01-01T00:00:00Z'), new Date('2025-02-01T00:00:00Z')],
  });
});
