import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlannedCounts } from './fleet-plan.ts';
import { expectedRows } from './read-model-check.ts';

describe('the rebuild benchmark\'s read model check', () => {
  it('expects a row per registration, id tag, session and authorization, each from its own kind', () => {
    // A different number for every kind, so a table counted from the wrong kind shows.
    const counts: PlannedCounts = {
      byTopic: { chargePoints: 2, idTags: 3, stations: 4, sessions: 5 },
      byKind: {
        ChargePoint: 11, IdTag: 13, StationConnected: 17, StationBooted: 19, ConnectorStatusChanged: 23, HeartbeatReceived: 29,
        AuthorizationDecided: 31, TransactionStarted: 37, MeterValuesSampled: 41, TransactionStopped: 43,
      },
    };
    assert.deepEqual(expectedRows(counts), { charge_points: 11, id_tags: 13, transactions: 37, authorizations: 31 });
  });

  it('expects no rows of a kind the plan does not write', () => {
    const counts: PlannedCounts = { byTopic: { chargePoints: 0, idTags: 0, stations: 0, sessions: 0 }, byKind: {} };
    assert.deepEqual(expectedRows(counts), { charge_points: 0, id_tags: 0, transactions: 0, authorizations: 0 });
  });
});
