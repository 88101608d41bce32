import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPartitionMemory, type PartitionMemory } from '../partition-memory.ts';
import { createPartitionStore } from './partition-store.ts';

describe('partition store', () => {
  it('loads all assigned partitions once, and again after every rebalance', async () => {
    const loads: number[][] = [];
    const store = createPartitionStore(async (partitions) => {
      loads.push([...partitions].sort());
      return new Map([...partitions].map((p): [number, PartitionMemory] => [p, { ...emptyPartitionMemory(), counter: p * 10 }]));
    });
    const keepAlive = async () => {};
    store.reassign([4, 1]);
    assert.equal((await store.ensureLoaded(1, keepAlive)).counter, 10);
    assert.equal((await store.ensureLoaded(4, keepAlive)).counter, 40);
    assert.deepEqual(loads, [[1, 4]]);
    store.reassign([4]);
    await store.ensureLoaded(4, keepAlive);
    assert.deepEqual(loads, [[1, 4], [4]]);
  });

  it('reloads a forgotten partition alone, keeping the others', async () => {
    const loads: number[][] = [];
    const store = createPartitionStore(async (partitions) => {
      loads.push([...partitions].sort());
      return new Map([...partitions].map((p): [number, PartitionMemory] => [p, emptyPartitionMemory()]));
    });
    const keepAlive = async () => {};
    store.reassign([2, 3]);
    const three = await store.ensureLoaded(3, keepAlive);
    store.forget(2);
    assert.equal(await store.ensureLoaded(3, keepAlive), three);
    assert.notEqual(await store.ensureLoaded(2, keepAlive), undefined);
    assert.deepEqual(loads, [[2, 3], [2]]);
  });
});
