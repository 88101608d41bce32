import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { perPartition } from './per-partition.ts';

describe('one thing per partition', () => {
  it('makes one on a partition\'s first use and gives the same one after', () => {
    const makes: number[] = [];
    const producers = perPartition((partition) => { makes.push(partition); return { partition }; });
    const first = producers.of(3);
    assert.equal(producers.of(3), first);
    producers.of(0);
    assert.deepEqual(makes, [3, 0]);
    assert.deepEqual(producers.made(), [{ partition: 3 }, { partition: 0 }]);
  });

  it('has made none before any use', () => {
    assert.deepEqual(perPartition(() => 1).made(), []);
  });
});
