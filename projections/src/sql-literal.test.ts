import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { inlined, literal } from './sql-literal.ts';

const statement = (text: string, ...values: unknown[]) => ({ text, values });

test('each placeholder becomes the quoted text node-postgres would send as its parameter', () => {
  assert.equal(
    inlined(statement('INSERT INTO t (a, b, c, d, e) VALUES ($1, $2, $3, $4, $5)', 'CP001', 42, null, true, [3, 4])),
    `INSERT INTO t (a, b, c, d, e) VALUES ('CP001', '42', NULL, 'true', '{"3","4"}')`,
  );
  const at = new Date(Date.UTC(2026, 11, 1, 12, 30, 0, 250));
  const dateText = /^SELECT '([^']+)'$/.exec(inlined(statement('SELECT $1', at)))?.[1];
  assert.equal(new Date(dateText ?? '').getTime(), at.getTime(), `a date to the millisecond, with its offset: ${dateText}`);
});

test('quotes are doubled and a text with a backslash is an escape string, so no value can end its literal', () => {
  assert.equal(inlined(statement('SELECT $1', `'); DROP TABLE t; --`)), `SELECT '''); DROP TABLE t; --'`);
  assert.equal(inlined(statement('SELECT $1', `a\\'b`)), `SELECT  E'a\\\\''b'`);
});

test('a placeholder inside a value is not replaced again, and $10 is not $1 followed by 0', () => {
  const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
  values[0] = '$2';
  const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
  assert.equal(inlined(statement(`SELECT ${placeholders}`, ...values)), `SELECT '$2', ${values.slice(1).map((v) => `'${v}'`).join(', ')}`);
});

test('bytes are a hex bytea literal', () => {
  assert.equal(inlined(statement('SELECT $1', Buffer.from([0, 255, 16]))), `SELECT  E'\\\\x00ff10'`);
});

test('a NUL is refused with the code PostgreSQL refuses it with, when written, not when sent', () => {
  assert.throws(() => inlined(statement('SELECT $1', 'a\u0000b')), { code: '22021' });
  assert.throws(() => inlined(statement('SELECT $1', ['ok', 'a\u0000b'])), { code: '22021' });
});

test('a placeholder without a value, or a value without a placeholder, is a bug in the statement', () => {
  assert.throws(() => inlined(statement('SELECT $1, $2', 'only one')), /no value for \$2/);
  assert.throws(() => inlined(statement('SELECT $0', 'a')), /no value for \$0/);
  assert.throws(() => inlined(statement('SELECT $1', 'a', 'b')), /1 value\(s\) without a placeholder/);
});

test('a lone surrogate is the U+FFFD Node sends for it, wherever it stands; a pair is kept', () => {
  const sent = (text: string) => inlined(statement('SELECT $1', text));
  assert.equal(sent('\uDC00a'), `SELECT '\uFFFDa'`);
  assert.equal(sent('a\uD800'), `SELECT 'a\uFFFD'`);
  assert.equal(sent('\uDC00\uD800'), `SELECT '\uFFFD\uFFFD'`);
  assert.equal(sent('🚗 \uD83D\uDE97'), `SELECT '🚗 🚗'`);
  for (const text of ['\uDC00a', 'a\uD800', '\uDC00\uD800', '🚗']) {
    assert.deepEqual(Buffer.from(sent(text).slice(8, -1)), Buffer.from(text), 'the bytes Node would send for it');
  }
});

test('numbers and plain texts get the very literal escapeLiteral gives the text node-postgres sends', () => {
  for (const value of [0, -0, -3, 1.5, 1e21, 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.equal(literal(value), pg.escapeLiteral(String(value)), String(value));
  }
  for (const value of ['', 'CP001', 'a b:c-d/e', 'é ü', '$1', '"quoted"', 'line\nbreak', 'tab\tend']) {
    assert.equal(literal(value), pg.escapeLiteral(value), value);
  }
  assert.equal(literal(`it's`), `'it''s'`, 'a quote still doubled');
  assert.equal(literal('a\\b'), ` E'a\\\\b'`, 'a backslash still an escape string');
});
