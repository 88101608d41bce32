import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { CHARGE_POINT_ID_PATTERN, isChargePointId } from './charge-point-id.ts';

const accepted = ['CP001', 'a-b.c_d~e', 'site*1=2:3+4|5@6', 'X'.repeat(48), '0', '...', '.a', 'a.', '.-'];
const refused = ['', '.', '..', 'X'.repeat(49), 'a/b', 'CP 01', 'a%2Fb', 'café', 'a\u0000b', 'a?b', 'a#b', 'a\\b', 'a"b', 'CP01\n'];

test('the identity rule: the unreserved set plus identifierString, up to 48, no dot-segment', () => {
  for (const id of accepted) assert.equal(isChargePointId(id), true, id);
  for (const id of refused) assert.equal(isChargePointId(id), false, JSON.stringify(id));
});

test('the pattern means the same in a JSON schema (ajv compiles patterns with the u flag)', () => {
  const validate = new Ajv().compile({ type: 'string', pattern: CHARGE_POINT_ID_PATTERN });
  for (const id of accepted) assert.equal(validate(id), true, id);
  for (const id of refused) assert.equal(validate(id), false, JSON.stringify(id));
});
