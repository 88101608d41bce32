import assert from 'node:assert/strict';
import { it } from 'node:test';
import { allows, isRole } from './roles.ts';

it('ranks viewer below operator below admin', () => {
  assert.equal(allows('viewer', 'operator'), false);
  assert.equal(allows('operator', 'operator'), true);
  assert.equal(allows('operator', 'admin'), false);
  assert.equal(allows('admin', 'viewer'), true);
  assert.equal(isRole('root'), false);
});
