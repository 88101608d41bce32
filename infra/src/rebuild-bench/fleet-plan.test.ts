import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fleetPlan, heartbeatsOf, minimumEvents, plannedCounts, sessionsOf, type FleetPlan } from './fleet-plan.ts';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const perStation = (plan: FleetPlan, of: (plan: FleetPlan, index: number) => number): number[] =>
  Array.from({ length: plan.stations }, (_, index) => of(plan, index));

describe('the rebuild benchmark\'s fleet plan', () => {
  it('writes exactly 10 million events for 10,000 stations: their setup, whole sessions of 15 facts, 5 heartbeats left over', () => {
    const plan = fleetPlan(10_000_000, 10_000);
    // 1,000 id tags and 4 setup facts a station leave 9,959,000: 663,933 sessions of 15, and 5.
    assert.deepEqual(plan, { events: 10_000_000, stations: 10_000, idTags: 1_000, sessions: 663_933, heartbeats: 5 });
    const { byTopic, byKind } = plannedCounts(plan);
    assert.deepEqual(byTopic, { chargePoints: 10_000, idTags: 1_000, stations: 4_013_603, sessions: 5_975_397 });
    assert.equal(sum(Object.values(byTopic)), 10_000_000);
    assert.deepEqual(byKind, {
      IdTag: 1_000, ChargePoint: 10_000, StationConnected: 10_000, StationBooted: 10_000,
      // Available once set up; then Preparing, Charging, Finishing and Available each session.
      ConnectorStatusChanged: 10_000 + 4 * 663_933,
      AuthorizationDecided: 663_933, TransactionStarted: 663_933, MeterValuesSampled: 6 * 663_933, TransactionStopped: 663_933,
      HeartbeatReceived: 2 * 663_933 + 5,
    });
  });

  it('shares sessions and heartbeats out evenly: no station has more than one more than another', () => {
    const plan = fleetPlan(5_000, 7);
    for (const [of, total] of [[sessionsOf, plan.sessions], [heartbeatsOf, plan.heartbeats]] as const) {
      const shares = perStation(plan, of);
      assert.equal(sum(shares), total);
      assert.ok(Math.max(...shares) - Math.min(...shares) <= 1, `${shares.join(',')}`);
    }
  });

  it('gives every station some heartbeats when fewer stations than a session\'s facts are left over', () => {
    const plan = fleetPlan(minimumEvents(3) + 14, 3);
    assert.equal(plan.sessions, 0);
    assert.deepEqual(perStation(plan, heartbeatsOf), [5, 5, 4]);
  });

  it('needs enough events to register and boot every station, and no more', () => {
    assert.equal(minimumEvents(10), 1 + 40);
    assert.deepEqual(fleetPlan(41, 10), { events: 41, stations: 10, idTags: 1, sessions: 0, heartbeats: 0 });
    // Fewer are refused on the command line (rebuild-bench-options.test.ts).
  });
});
