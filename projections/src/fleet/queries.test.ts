import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fleetWhere, likePattern } from './queries.ts';

test('a search is matched literally: LIKE wildcards and the escape character are text', () => {
  assert.equal(likePattern('CP_1'), '%CP\\_1%');
  assert.equal(likePattern('50%'), '%50\\%%');
  assert.equal(likePattern('a\\b'), '%a\\\\b%');
});

test('the fleet filter numbers its values in order and leaves out what is not asked for', () => {
  assert.deepEqual(fleetWhere({ limit: 50, offset: 0 }), { sql: '', values: [] });
  assert.deepEqual(fleetWhere({ limit: 50, offset: 0, search: '' }), { sql: '', values: [] });
  const where = fleetWhere({ limit: 50, offset: 0, search: 'abb', connected: false, protocol: 'ocpp2.0.1' });
  assert.deepEqual(where.values, ['%abb%', false, 'ocpp2.0.1']);
  assert.match(where.sql, /ILIKE \$1 AND COALESCE\(cn\.connected, false\) = \$2 AND cn\.protocol = \$3$/);
});
