import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyOnSamePartition, partitionOf } from './partition-of.ts';

test('partitions keys as the producers do (stable across releases) and finds a neighbour', () => {
  assert.equal(partitionOf('CP001', 12), 6);
  const neighbour = keyOnSamePartition('CP001', 'OTHER', 12);
  assert.notEqual(neighbour, 'CP001');
  assert.equal(partitionOf(neighbour, 12), 6);
});
