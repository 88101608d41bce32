import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterDeath, type RestartPolicy } from './restart-policy.ts';

const policy: RestartPolicy = { initialDelayMs: 1_000, maxDelayMs: 8_000, windowMs: 60_000, maxDeaths: 6 };

describe('afterDeath', () => {
  it('restarts a first death after the initial delay', () => {
    assert.deepEqual(afterDeath(policy, [], 100_000), { action: 'restart', delayMs: 1_000, deaths: [100_000] });
  });

  it('doubles the delay with each death in the window, up to the maximum', () => {
    let deaths: readonly number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const decision = afterDeath(policy, deaths, 100_000 + i * 1_000);
      assert.equal(decision.action, 'restart');
      if (decision.action === 'restart') delays.push(decision.delayMs);
      deaths = decision.deaths;
    }
    assert.deepEqual(delays, [1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('gives up at the maximum number of deaths within the window', () => {
    const decision = afterDeath(policy, [1, 2, 3, 4, 5], 10);
    assert.equal(decision.action, 'give-up');
  });

  it('forgets deaths older than the window, so a process that ran a while starts again quickly', () => {
    const decision = afterDeath(policy, [0, 1_000, 2_000, 3_000, 4_000], 64_500);
    assert.deepEqual(decision, { action: 'restart', delayMs: 1_000, deaths: [64_500] });
  });
});
