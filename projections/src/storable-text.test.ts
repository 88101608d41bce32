import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storableText } from './storable-text.ts';

test('NUL and lone surrogates become U+FFFD; everything else, pairs included, stays', () => {
  assert.equal(storableText('a\u0000b'), 'a\uFFFDb');
  assert.equal(storableText('x\uD800y'), 'x\uFFFDy');
  assert.equal(storableText('x\uDC00'), 'x\uFFFD');
  assert.equal(storableText('\uDC00\uD800'), '\uFFFD\uFFFD', 'a low then a high surrogate are no pair');
  assert.equal(storableText('plug 🔌 ok'), 'plug 🔌 ok');
  assert.equal(storableText(null), null);
  assert.equal(Buffer.from(storableText('\uD83D'), 'utf8').toString('utf8'), '\uFFFD');
});
