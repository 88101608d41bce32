import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMinor } from './money-format.ts';

test('amounts have exactly the currency\'s minor-unit digits', () => {
  assert.equal(formatMinor(1230, 'EUR'), '12.30');
  assert.equal(formatMinor(5, 'EUR'), '0.05');
  assert.equal(formatMinor(0, 'EUR'), '0.00');
  assert.equal(formatMinor(-424, 'EUR'), '-4.24');
  assert.equal(formatMinor(-400, 'EUR'), '-4.00');
  assert.equal(formatMinor(100_000, 'KWD'), '100.000');
  assert.equal(formatMinor(1230, 'JPY'), '1230');
  assert.equal(formatMinor(-7, 'JPY'), '-7');
  assert.equal(formatMinor(1230, 'KWD'), '1.230');
  assert.equal(formatMinor(9, 'KWD'), '0.009');
  assert.throws(() => formatMinor(1.5, 'EUR'), RangeError);
});
