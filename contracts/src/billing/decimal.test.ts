import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minorUnitExponent } from './currency.ts';
import { canonicalDecimal, compareDecimals, decimalOfNumber, divideHalfUp, formatScaled, parseDecimal } from './decimal.ts';

describe('Given exact decimal strings', () => {
  it('When parsed and formatted, then no digit is lost or invented', () => {
    assert.deepEqual(parseDecimal('12.345'), { units: 12345n, scale: 3 });
    assert.equal(formatScaled(12300n, 3), '12.3');
    assert.equal(formatScaled(5n, 3), '0.005');
    assert.equal(canonicalDecimal('7.70'), '7.7');
  });
  it('When a JSON number is read, then it becomes the shortest decimal, even from exponent notation', () => {
    assert.equal(decimalOfNumber(0.1), '0.1');
    assert.equal(decimalOfNumber(1e-7), '0.0000001');
    assert.equal(decimalOfNumber(2.5e21), '2500000000000000000000');
  });
  it('When compared, then by exact value whatever the scale', () => {
    assert.deepEqual([compareDecimals('0.5', '0.50'), compareDecimals('9', '10.5'), compareDecimals('20', '5.25'), compareDecimals('-1.5', '0.1')], [0, -1, 1, -1]);
  });
  it('When divided half-up, then exactly half goes up and less than half goes down', () => {
    assert.deepEqual([divideHalfUp(25n, 10n), divideHalfUp(24n, 10n), divideHalfUp(0n, 3n)], [3n, 2n, 0n]);
  });
});

describe('Given ISO 4217 currencies', () => {
  it('When asked for minor units, then EUR has 2, JPY 0 and KWD 3', () => {
    assert.deepEqual(['EUR', 'JPY', 'KRW', 'KWD', 'BHD'].map(minorUnitExponent), [2, 0, 0, 3, 3]);
  });
});
