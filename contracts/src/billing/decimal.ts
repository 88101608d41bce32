// Exact decimal strings for money and rates. Prices never pass through binary floats:
// "0.1" + "0.2" must be 0.3 on every re-rating, or two runs over the same log disagree.

/** A decimal as an integer count of 10^-scale units: "12.345" is { units: 12345n, scale: 3 }. */
export interface ScaledDecimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export function isDecimalString(text: string): boolean {
  return DECIMAL.test(text);
}

/** The exact value of a decimal string; the caller has checked it with isDecimalString. */
export function parseDecimal(text: string): ScaledDecimal {
  if (!DECIMAL.test(text)) throw new RangeError(`not a decimal string: ${JSON.stringify(text)}`);
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const units = BigInt(whole + fraction);
  return { units: text.startsWith('-') ? -units : units, scale: fraction.length };
}

/** Renders units × 10^-scale without trailing zeros: (12300n, 3) → "12.3". */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/** The canonical spelling of a decimal string ("7.70" → "7.7", "020" is refused by the parser). */
export function canonicalDecimal(text: string): string {
  const { units, scale } = parseDecimal(text);
  return formatScaled(units, scale);
}

/** Orders two decimal strings by exact value ("0.5" equals "0.50"); both checked with isDecimalString. */
export function compareDecimals(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const left = x.units * pow10(y.scale);
  const right = y.units * pow10(x.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A JSON number as the shortest decimal string that reads back as the same number. */
export function decimalOfNumber(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  if (isDecimalString(text)) return text;
  // Exponent notation (1e-7, 1e21): spell it out through the exact scaled value.
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return null;
  const [, sign = '', lead = '', rest = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  const digits = BigInt(lead + rest);
  const scale = rest.length - exponent;
  const units = scale >= 0 ? digits : digits * 10n ** BigInt(-scale);
  return formatScaled(sign === '-' ? -units : units, Math.max(scale, 0));
}

/** numerator / denominator rounded half away from zero, for non-negative operands: 2.5 → 3. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('divideHalfUp takes a non-negative numerator and positive denominator');
  return (2n * numerator + denominator) / (2n * denominator);
}

export function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}
