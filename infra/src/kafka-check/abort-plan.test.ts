import assert from 'node:assert/strict';
import { test } from 'node:test';
import { abortPlan, endsSeen, honoured, tally } from './abort-plan.ts';

test('the plan aborts more transactions than it commits, back to back, and ends every partition with a commit', () => {
  const plan = abortPlan(20, 3);
  assert.equal(plan.length, 21);
  assert.equal(plan.filter((t) => !t.commit).length, 12);
  assert.ok(plan.some((t, i) => i > 0 && !t.commit && !plan[i - 1]!.commit), 'two aborts in a row');
  assert.deepEqual(plan.at(-1), { commit: true, records: [0, 1, 2].map((partition) => ({ partition, value: 'end' })) });
  assert.ok(new Set(plan.flatMap((t) => t.records.map((r) => r.partition))).size === 3);
});

test('a consumer that returns exactly the committed records honours read_committed', () => {
  const plan = abortPlan(30, 3);
  const read = plan.filter((t) => t.commit).flatMap((t) => t.records);
  const result = tally(plan, read);
  assert.equal(result.committedDelivered, result.committed);
  assert.ok(honoured(result));
  assert.ok(endsSeen(read, 3));
});

test('aborted, missing, repeated and foreign records are each counted and fail the check', () => {
  const plan = abortPlan(30, 3);
  const committed = plan.filter((t) => t.commit).flatMap((t) => t.records);
  const abortedRecords = plan.filter((t) => !t.commit).flatMap((t) => t.records);
  const read = [...committed.slice(1), committed[2]!, abortedRecords[0]!, abortedRecords[1]!, { partition: 0, value: 'stranger' }];
  const result = tally(plan, read);
  assert.deepEqual(
    { missing: result.missing, abortedDelivered: result.abortedDelivered, duplicates: result.duplicates, unknown: result.unknown },
    { missing: 1, abortedDelivered: 2, duplicates: 1, unknown: 1 },
  );
  assert.equal(honoured(result), false);
});

test('the read is not over before every partition has shown its end', () => {
  const plan = abortPlan(10, 3);
  const ends = plan.at(-1)!.records;
  assert.equal(endsSeen([ends[0]!, ends[2]!], 3), false);
  assert.equal(endsSeen([...ends], 3), true);
});
