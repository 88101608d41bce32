// The open dead-letter gauge against a fake count (the query's port) and a repeat driven by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProjectionMetrics } from './projection-metrics.ts';
import { sampleOpenDeadLetters } from './open-dead-letters.ts';

function setUp(counts: Array<ReadonlyMap<string, number> | Error>) {
  const metrics = createProjectionMetrics({ defaultMetrics: false, projections: [] });
  const warnings: unknown[] = [];
  let tick: () => void = () => assert.fail('no timer armed');
  let everyMs = 0;
  const sampler = sampleOpenDeadLetters({
    count: async () => {
      const next = counts.shift();
      if (next === undefined) return assert.fail('counted more often than the test expects');
      if (next instanceof Error) throw next;
      return next;
    },
    gauge: metrics.deadLettersOpen, projectionConsumers: ['projection:id-tags'],
    logger: { warn: (fields: unknown) => { warnings.push(fields); } },
    repeat: (run, ms) => { tick = run; everyMs = ms; return () => {}; },
  });
  const open = async () => Object.fromEntries((await metrics.deadLettersOpen.get()).values.map((v) => [v.labels.consumer, v.value]));
  return { sampler, open, warnings, tick: () => tick(), everyMs: () => everyMs };
}

describe('open dead letters', () => {
  it('shows every known consumer at zero before the first count, and counts every 60 s', async () => {
    const { open, everyMs } = setUp([]);
    assert.deepEqual(await open(), { processors: 0, 'certificate-authority': 0, 'projection:id-tags': 0, other: 0 });
    assert.equal(everyMs(), 60_000);
  });

  it('sets each consumer\'s open letters, back to zero once they are re-driven', async () => {
    const { sampler, open } = setUp([new Map([['processors', 3], ['projection:id-tags', 1]]), new Map([['projection:id-tags', 1]])]);
    await sampler.sample();
    assert.deepEqual(await open(), { processors: 3, 'certificate-authority': 0, 'projection:id-tags': 1, other: 0 });
    await sampler.sample();
    assert.deepEqual(await open(), { processors: 0, 'certificate-authority': 0, 'projection:id-tags': 1, other: 0 });
  });

  it('counts the letters of consumers it does not know under one label', async () => {
    const { sampler, open } = setUp([new Map([['projection:removed', 2], ['some-future-service', 5]])]);
    await sampler.sample();
    assert.equal((await open()).other, 7);
    assert.equal(Object.keys(await open()).length, 4, 'no label per unknown consumer');
  });

  it('keeps the last values and logs when the database fails, and counts again at the next tick', async () => {
    const { sampler, open, warnings, tick } = setUp([new Map([['processors', 2]]), new Error('connection refused'), new Map()]);
    await sampler.sample();
    await sampler.sample();
    assert.equal((await open()).processors, 2);
    assert.equal(warnings.length, 1);
    tick();
    await sampler.sample();
    assert.equal((await open()).processors, 0);
  });
});
