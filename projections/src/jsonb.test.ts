import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonb } from './jsonb.ts';

test('an array is JSON text, not a PostgreSQL array literal', () => {
  assert.equal(jsonb([{ id: 'T1', version: 2 }]), '[{"id":"T1","version":2}]');
});

test('strings jsonb would refuse become U+FFFD, deep inside too; numbers stay numbers', () => {
  assert.deepEqual(JSON.parse(jsonb({ name: 'a\u0000b', nested: [{ s: 'x\uD800' }], n: 1.5 })), { name: 'a\uFFFDb', nested: [{ s: 'x\uFFFD' }], n: 1.5 });
});
