import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleEvery, type RepeatUnref } from './repeat.ts';

test('samples one at a time: a sample asked for while one runs joins it', async () => {
  let runs = 0;
  let finish: () => void = () => undefined;
  const sampler = sampleEvery(() => { runs += 1; return new Promise<void>((resolve) => { finish = resolve; }); }, 1_000, () => undefined, () => () => undefined);
  const first = sampler.sample();
  const second = sampler.sample();
  assert.equal(runs, 1);
  finish();
  await Promise.all([first, second]);
  const third = sampler.sample();
  assert.equal(runs, 2, 'the next sample runs once the first is done');
  finish();
  await third;
});

test('a failed sample is told and the next one runs; the timer drives samples until stopped', async () => {
  const errors: unknown[] = [];
  let tick: () => void = () => undefined;
  let stopped = false;
  const repeat: RepeatUnref = (run) => { tick = run; return () => { stopped = true; }; };
  let runs = 0;
  const sampler = sampleEvery(async () => { runs += 1; if (runs === 1) throw new Error('broker away'); }, 1_000, (error) => errors.push(error), repeat);
  tick();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal((errors[0] as Error).message, 'broker away');
  await sampler.sample();
  assert.equal(runs, 2);
  sampler.stop();
  assert.ok(stopped);
});
