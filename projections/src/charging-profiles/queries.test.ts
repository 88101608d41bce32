import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byConnector, type ChargingProfileView } from './queries.ts';

function profile(connectorId: number, chargingProfileId: number, stackLevel: number): ChargingProfileView {
  return {
    chargingProfileId, connectorId, stackLevel, purpose: 'TxDefaultProfile', transactionId: null, validFrom: null, validTo: null,
    profile: {}, setAt: '2025-01-15T10:00:00.000Z',
  };
}

test('profiles are grouped per connector keeping their stack level order', () => {
  const groups = byConnector([profile(0, 1, 0), profile(1, 2, 0), profile(1, 3, 4)]);
  assert.deepEqual(groups.map((g) => [g.connectorId, g.profiles.map((p) => p.chargingProfileId)]), [[0, [1]], [1, [2, 3]]]);
  assert.deepEqual(byConnector([]), []);
});
