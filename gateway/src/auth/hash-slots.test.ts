import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHashSlots } from './hash-slots.ts';

/** A task that runs until the test releases it. */
function gated() {
  const started: number[] = [];
  const releases: (() => void)[] = [];
  const task = (n: number) => () => new Promise<number>((resolve) => {
    started.push(n);
    releases.push(() => resolve(n));
  });
  return { started, releases, task };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('hash slots', () => {
  it('runs at most `concurrency` at once, queues up to `maxQueued`, and refuses past that', async () => {
    const slots = createHashSlots({ concurrency: 2, maxQueued: 1 });
    const { started, releases, task } = gated();
    const runs = [1, 2, 3].map((n) => slots.run(task(n)));
    assert.ok(runs.every((r) => r !== null));
    assert.equal(slots.run(task(4)), null, 'two running, one waiting: full');
    await tick();
    assert.deepEqual(started, [1, 2]);
    releases[0]!();
    assert.equal(await runs[0], 1);
    await tick();
    assert.deepEqual(started, [1, 2, 3], 'the queued one takes the free slot');
    assert.notEqual(slots.run(task(5)), null, 'and there is room in the queue again');
    for (const release of releases.slice(1)) release();
  });

  it('with no queue, runs only while a slot is free', async () => {
    const slots = createHashSlots({ concurrency: 1, maxQueued: 0 });
    const { releases, task } = gated();
    const first = slots.run(task(1));
    assert.notEqual(first, null);
    assert.equal(slots.run(task(2)), null);
    await tick();
    releases[0]!();
    await first;
    assert.notEqual(slots.run(task(3)), null);
    await tick();
    releases[1]!();
  });
});
