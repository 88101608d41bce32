import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandCompleted, commandRequested, commandSent } from '../test-commands.ts';
import { T0 } from '../test-events.ts';
import { completedRow, requestedRow, sentRow } from './rows.ts';

test('a request keeps the payload text verbatim with the request time and who asked from the event', () => {
  const row = requestedRow({ ...commandRequested('CP001', 'cmd-1', T0, 'Reset', { type: 'Hard' }), requestedBy: 'sub:alice' });
  assert.deepEqual(row, {
    id: 'cmd-1', charge_point_id: 'CP001', action: 'Reset', payload: '{"type":"Hard"}', timeout_seconds: 30,
    status: 'Requested', requested_at: new Date(T0), requested_by: 'sub:alice',
  });
});

test('a send names the node, connection and message id and leaves the request columns alone', () => {
  const row = sentRow(commandSent('CP001', 'cmd-1', T0 + 10));
  assert.equal(row.status, 'Sent');
  assert.equal(row.node, 1);
  assert.equal(row.message_id, 'cmd-1');
  assert.deepEqual(row.sent_at, new Date(T0 + 10));
  assert.equal('payload' in row, false);
  assert.equal('requested_at' in row, false);
});

test('a completion takes its outcome as the status, with the response or the error', () => {
  const accepted = completedRow(commandCompleted('CP001', 'cmd-1', T0 + 500));
  assert.equal(accepted.status, 'Accepted');
  assert.equal(accepted.response, '{"status":"Accepted"}');
  assert.deepEqual(accepted.completed_at, new Date(T0 + 500));
  const failed = completedRow(commandCompleted('CP001', 'cmd-2', T0 + 500, 'Failed'));
  assert.equal(failed.status, 'Failed');
  assert.equal(failed.response, null);
  assert.equal(failed.error_code, 'NotSupported');
  assert.equal('sent_at' in failed, false);
});
