import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0 } from '../test-events.ts';
import { toReportStatusView, variableWhere } from './queries.ts';

test('the filters compare names case-insensitively, after the charge point', () => {
  assert.deepEqual(variableWhere('CP201', { limit: 10, offset: 0 }), { sql: 'WHERE charge_point_id = $1', values: ['CP201'] });
  assert.deepEqual(variableWhere('CP201', { limit: 10, offset: 0, component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' }), {
    sql: 'WHERE charge_point_id = $1 AND lower(component) = lower($2) AND lower(variable) = lower($3)',
    values: ['CP201', 'OCPPCommCtrlr', 'HeartbeatInterval'],
  });
});

test('a report status says whether the last part came and which are missing', () => {
  const status = toReportStatusView({
    charge_point_id: 'CP201', request_id: 7, seq_nos: [0, 2], final_seq_no: 3, complete: false,
    first_part_at: new Date(T0), last_part_at: new Date(T0 + 3_000),
  });
  assert.deepEqual(status, {
    requestId: 7, complete: false, partsReceived: 2, lastPartReceived: true, missingCount: 2, missingSeqNos: [1, 3],
    startedAt: new Date(T0).toISOString(), updatedAt: new Date(T0 + 3_000).toISOString(),
  });
});
