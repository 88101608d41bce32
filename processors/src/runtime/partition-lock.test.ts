import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPartitionLock } from './partition-lock.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('partition lock', () => {
  it('runs work of one partition one after another, in order', async () => {
    const lock = createPartitionLock();
    const trace: string[] = [];
    const job = (name: string) => async () => { trace.push(`${name} start`); await tick(); trace.push(`${name} end`); };
    await Promise.all([lock(1, job('a')), lock(1, job('b'))]);
    assert.deepEqual(trace, ['a start', 'a end', 'b start', 'b end']);
  });

  it('lets different partitions overlap', async () => {
    const lock = createPartitionLock();
    const trace: string[] = [];
    const job = (name: string) => async () => { trace.push(`${name} start`); await tick(); trace.push(`${name} end`); };
    await Promise.all([lock(1, job('a')), lock(2, job('b'))]);
    assert.deepEqual(trace.slice(0, 2), ['a start', 'b start']);
  });

  it('keeps going after a failure, and reports it to its caller', async () => {
    const lock = createPartitionLock();
    await assert.rejects(lock(1, async () => { throw new Error('boom'); }), /boom/);
    assert.equal(await lock(1, async () => 'next'), 'next');
  });
});
