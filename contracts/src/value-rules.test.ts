import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  firstValueViolation, isDateTimeInRange, isInt32, isSafeText, isSaneDecimal, toSafeText,
} from './value-rules.ts';

describe('value rules', () => {
  it('int32: whole numbers that fit an Avro int and an SQL integer', () => {
    for (const n of [0, -1, 2 ** 31 - 1, -(2 ** 31)]) assert.equal(isInt32(n), true, String(n));
    for (const n of [2 ** 31, -(2 ** 31) - 1, 3e9, 1e300, 1.5, Infinity, NaN]) assert.equal(isInt32(n), false, String(n));
  });

  it('decimal: finite and within ±1e15', () => {
    for (const n of [0, -0.1, 1e15, -1e15, 1e-300]) assert.equal(isSaneDecimal(n), true, String(n));
    for (const n of [1e15 + 1, -1e16, 1e300, Infinity, -Infinity, NaN]) assert.equal(isSaneDecimal(n), false, String(n));
  });

  it('text: no C0 control but TAB, LF, CR; no lone surrogate; pairs and other scripts are fine', () => {
    for (const text of ['', 'plain', 'tab\tlf\ncr\r', 'é 中 😀', '\u007f\u0085']) assert.equal(isSafeText(text), true, JSON.stringify(text));
    for (const text of ['a\u0000b', '\u0001', '\u001b[31m', '\u000b', 'x\ud800', '\udc00x', '\ude00\ud83d']) {
      assert.equal(isSafeText(text), false, JSON.stringify(text));
    }
  });

  it('date-time range: 1970 (and the day before, local time west of UTC) up to 2100', () => {
    for (const text of ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00', '1969-12-31T19:00:00-05:00', '2025-01-15T10:05:00Z', '2099-12-31T23:59:59.999Z']) {
      assert.equal(isDateTimeInRange(text), true, text);
    }
    for (const text of ['9999-12-31T23:59:59Z', '2100-01-01T00:00:00Z', '1969-12-30T23:59:59Z', '0000-01-01T00:00:00Z']) {
      assert.equal(isDateTimeInRange(text), false, text);
    }
    assert.equal(isDateTimeInRange('noon'), true, 'left to the date-time format');
  });

  it('finds the first bad value anywhere in free-form JSON, keys included, without recursion', () => {
    assert.equal(firstValueViolation({ a: [1, 'x', { b: null, c: true }] }), null);
    assert.deepEqual(firstValueViolation({ a: [1, { 'b/c': 'x\u0000' }] }), { path: '/a/1/b~1c', rule: 'text' });
    assert.deepEqual(firstValueViolation([0, 1e20]), { path: '/1', rule: 'decimal' });
    assert.deepEqual(firstValueViolation({ ok: 1, nested: { 'bad\u0001key': 1 } }), { path: '/nested', rule: 'text' });
    let deep: unknown = 'x\ud800';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    assert.equal(firstValueViolation(deep)?.rule, 'text');
  });

  it('makes text safe to show: unsafe characters replaced, cut on a code point', () => {
    assert.equal(toSafeText('a\u0000b\ud800', 10), 'a\uFFFDb\uFFFD');
    assert.equal(toSafeText('😀😀😀', 2), '😀…');
    assert.equal(toSafeText('short', 5), 'short');
  });
});
