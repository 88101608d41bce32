import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partitionId, type PartitionEnd } from './folded-topics.ts';
import { createProgress } from './replay-progress.ts';

function ends(...list: PartitionEnd[]): Map<string, PartitionEnd> {
  return new Map(list.map((e) => [partitionId(e.topic, e.partition), e]));
}

test('empty partitions are done from the start', async () => {
  const progress = createProgress(ends({ topic: 't', partition: 0, low: 5, high: 5 }), 1_000);
  assert.equal(progress.finished(), true);
  await progress.done;
});

test('a partition is done once a batch reaches its last offset, control records included', async () => {
  const progress = createProgress(ends({ topic: 't', partition: 0, low: 0, high: 10 }, { topic: 't', partition: 1, low: 0, high: 3 }), 1_000);
  progress.reached('t', 0, 8);
  assert.equal(progress.finished(), false);
  progress.reached('t', 0, 9);
  progress.reached('t', 1, 2);
  assert.equal(progress.finished(), true);
  await progress.done;
  assert.equal(progress.end('t', 0), 10);
  assert.equal(progress.end('t', 7), 0);
});

test('a replay that stops making progress fails', async () => {
  const progress = createProgress(ends({ topic: 't', partition: 0, low: 0, high: 10 }), 20);
  await assert.rejects(progress.done, /stalled.*t:0/);
});
