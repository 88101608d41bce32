import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anyFloorRuns, floorPlan } from './floor-plan.ts';

describe('which floors a run measures', () => {
  it('runs both beside a steady mix, each with that mix', () => {
    for (const mix of ['session', 'heartbeat'] as const) {
      assert.deepEqual(floorPlan({ floor: true, mix }), { echo: { runs: true, mix }, kafka: { runs: true, mix } });
    }
  });

  it('gives a boot storm the echo floor only, since Kafka needs a steady rate', () => {
    assert.deepEqual(floorPlan({ floor: true, mix: 'boot-storm' }), {
      echo: { runs: true, mix: 'boot-storm' }, kafka: { runs: false, reason: 'a boot storm offers no steady rate to send through Kafka' },
    });
  });

  it('gives an idle hold none: it has no latency to compare', () => {
    const plan = floorPlan({ floor: true, mix: 'idle' });
    assert.deepEqual(plan.echo, { runs: false, reason: 'the idle mix measures what the gateway holds, not latency' });
    assert.deepEqual(plan.kafka, plan.echo);
    assert.equal(anyFloorRuns(plan), false);
  });

  it('runs none with --no-floor, and says so whatever the mix', () => {
    for (const mix of ['session', 'heartbeat', 'boot-storm', 'idle'] as const) {
      const plan = floorPlan({ floor: false, mix });
      assert.equal(anyFloorRuns(plan), false);
      assert.deepEqual(plan.kafka, { runs: false, reason: 'not asked for (--no-floor)' });
    }
  });
});
