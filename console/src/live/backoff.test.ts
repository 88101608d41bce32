import assert from 'node:assert/strict';
import { it } from 'node:test';
import { retryDelayMs } from './backoff.ts';

it('waits 1 s, doubles on each failure and stops at 30 s', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 50].map(retryDelayMs), [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});
