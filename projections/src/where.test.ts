import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deadLetterWhere } from './dead-letters/queries.ts';
import { dateOrUndefined, whereOf } from './where.ts';

test('numbers the conditions that have a value, in order, and leaves out the others', () => {
  assert.deepEqual(whereOf([['a = ?', 1], ['b = ?', undefined], ['c >= ?', 'x']]), { sql: 'WHERE a = $1 AND c >= $2', values: [1, 'x'] });
  assert.deepEqual(whereOf([['a = ?', undefined]]), { sql: '', values: [] });
  assert.deepEqual(dateOrUndefined('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'));
  assert.equal(dateOrUndefined(undefined), undefined);
});

test('a dead letter filter: open is not yet re-driven', () => {
  assert.deepEqual(deadLetterWhere({ consumer: 'processors', status: 'open' }), {
    sql: 'WHERE consumer = $1 AND (redriven_at IS NOT NULL) = $2', values: ['processors', false],
  });
  assert.deepEqual(deadLetterWhere({}), { sql: '', values: [] });
});
