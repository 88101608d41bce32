import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tariffAssignmentKey as assignmentKey } from './tariff-assignment-key.ts';

test('an assignment is keyed by its scope as the tariff-assignments topic keys it', () => {
  const none = { chargePointId: null, evseId: null, groupIdToken: null };
  assert.equal(assignmentKey({ ...none, scope: 'Default' }), 'default');
  assert.equal(assignmentKey({ ...none, scope: 'Station', chargePointId: 'CP001' }), 'station:CP001');
  assert.equal(assignmentKey({ ...none, scope: 'Evse', chargePointId: 'CP001', evseId: 2 }), 'evse:CP001:2');
  assert.equal(assignmentKey({ ...none, scope: 'IdTokenGroup', groupIdToken: 'FLEET-1' }), 'group:FLEET-1');
});

test('a scope ignores the fields of the other scopes', () => {
  assert.equal(assignmentKey({ scope: 'Station', chargePointId: 'CP001', evseId: 2, groupIdToken: 'FLEET-1' }), 'station:CP001');
  assert.equal(assignmentKey({ scope: 'Default', chargePointId: 'CP001', evseId: 2, groupIdToken: 'FLEET-1' }), 'default');
});
