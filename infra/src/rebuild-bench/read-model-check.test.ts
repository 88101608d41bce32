import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fleetPlan, plannedCounts } from './fleet-plan.ts';
import { expectedRows } from './read-model-check.ts';

describe('the rebuild benchmark\'s read model check', () => {
  it('expects a row per registration, id tag, session and authorization', () => {
    const plan = fleetPlan(10_000_000, 10_000);
    assert.deepEqual(expectedRows(plannedCounts(plan)), {
      charge_points: 10_000, id_tags: 1_000, transactions: plan.sessions, authorizations: plan.sessions,
    });
  });
});
