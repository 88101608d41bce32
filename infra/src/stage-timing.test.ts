import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { secondsSinceTimestamp, stageHistogram } from './stage-timing.ts';

describe('stage timing', () => {
  it('shows every stage at zero before its first observation, and counts each stage apart', async () => {
    const registry = new Registry();
    const stages = stageHistogram({ name: 'csms_test_stage_seconds', help: 'test', stages: ['a', 'b'], registers: [registry] });
    stages.a.observe(0.002);
    const text = await registry.metrics();
    assert.match(text, /csms_test_stage_seconds_count\{stage="a"\} 1/);
    assert.match(text, /csms_test_stage_seconds_count\{stage="b"\} 0/);
    assert.match(text, /csms_test_stage_seconds_bucket\{le="0.0005",stage="a"\} 0/);
  });

  it('takes a Kafka timestamp as milliseconds, a clock behind it as no wait', () => {
    assert.equal(secondsSinceTimestamp('1700000000000', 1700000000250), 0.25);
    assert.equal(secondsSinceTimestamp('1700000000000', 1699999999000), 0);
    assert.equal(secondsSinceTimestamp('not a number', 1700000000000), 0);
  });
});
