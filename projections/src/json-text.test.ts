import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonText } from './json-text.ts';

test('JSON text is parsed, null stays null, anything else is returned verbatim', () => {
  assert.deepEqual(parseJsonText('{"status":"Accepted"}'), { status: 'Accepted' });
  assert.equal(parseJsonText(null), null);
  assert.equal(parseJsonText('not json'), 'not json');
});
