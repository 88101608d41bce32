import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awaitVisible } from './read-your-writes.ts';

test('returns as soon as the read shows the write', async () => {
  let reads = 0;
  const result = await awaitVisible(async () => ++reads, (n) => n === 3, { timeoutMs: 1_000, intervalMs: 1, clock: () => 0 });
  assert.deepEqual(result, { visible: true, value: 3 });
});

test('gives up at the deadline with the last value read', async () => {
  let now = 0;
  const result = await awaitVisible(async () => 'old', (v) => v === 'new', { timeoutMs: 30, intervalMs: 1, clock: () => (now += 10) });
  assert.deepEqual(result, { visible: false, value: 'old' });
});
