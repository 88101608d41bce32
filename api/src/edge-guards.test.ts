import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonDepth, MAX_DEPTH, valueProblem } from './edge-guards.ts';
import { isWellEncodedQuery, textProblem } from './text-rules.ts';

test('text: NUL, other controls and lone surrogates are refused; line breaks only where free text may have them', () => {
  for (const bad of ['a\u0000b', 'a\u0001', '\u007f', '\u0085', 'x\ud800', '\udc00y', 'a\ud800\ud800']) {
    assert.notEqual(textProblem(bad, { lineBreaks: true }), null, JSON.stringify(bad));
  }
  for (const good of ['CP-001', 'Zürich Süd', '東京', 'emoji 🔌', '']) assert.equal(textProblem(good, { lineBreaks: false }), null, good);
  assert.equal(textProblem('line 1\nline 2\r\n\tend', { lineBreaks: true }), null);
  assert.match(textProblem('line 1\nline 2', { lineBreaks: false }) ?? '', /control character/);
  assert.match(textProblem('x\ud800', { lineBreaks: true }) ?? '', /surrogate/);
});

test('query: every %-escape is well-formed and decodes to UTF-8', () => {
  assert.ok(isWellEncodedQuery('limit=10&offset=0&name=Z%C3%BCrich+S%C3%BCd'));
  for (const bad of ['q=%', 'q=%zz', 'q=%E0%A4%A', 'q=%ED%A0%80', 'q=%FF', '%=1']) assert.ok(!isWellEncodedQuery(bad), bad);
});

test('depth is measured on the text, brackets inside strings ignored', () => {
  assert.equal(jsonDepth('{"a":[1,{"b":2}]}'), 3);
  assert.equal(jsonDepth('{"a":"[[[[{{{{\\"]]]]"}'), 1);
  assert.equal(jsonDepth('[]'.repeat(1000)), 1);
  assert.equal(jsonDepth('['.repeat(100_000) + ']'.repeat(100_000)), 100_000);
});

test('a decoded value: the first bad string, name or number, named by its path without its content', () => {
  assert.equal(valueProblem({ id: 'CP1', list: [{ tag: 'A', n: 5 }] }, 'body', { lineBreaks: true }), null);
  assert.equal(valueProblem({ name: 'secret\u0000password' }, 'body', { lineBreaks: true }), 'body/name contains a control character');
  assert.equal(valueProblem({ list: [{ tag: 'x\ud800' }] }, 'body', { lineBreaks: true }), 'body/list/0/tag contains a lone UTF-16 surrogate');
  assert.match(valueProblem({ ['k\u0000']: 1 }, 'body', { lineBreaks: true }) ?? '', /property name/);
  assert.match(valueProblem({ connectorId: 1e30 }, 'body', { lineBreaks: true }) ?? '', /body\/connectorId is out of range/);
  assert.equal(valueProblem({ limit: -2147483647.5 }, 'body', { lineBreaks: true }), 'body/limit is out of range (at most 2147483647 either way)');
  let deep: unknown = 'leaf';
  for (let i = 0; i <= MAX_DEPTH; i += 1) deep = [deep];
  assert.match(valueProblem(deep, 'body', { lineBreaks: true }) ?? '', /nests deeper/);
});
