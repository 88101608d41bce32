// Amounts as the api writes them for people and spreadsheets: a decimal string with exactly the
// currency's minor-unit digits (ISO 4217: EUR "12.30", JPY "1230", KWD "1.230").
import { minorUnitExponent } from '@csms/contracts';

export function formatMinor(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not an amount in minor units`);
  const exponent = minorUnitExponent(currency);
  const digits = Math.abs(minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const sign = minor < 0 ? '-' : '';
  return exponent === 0 ? `${sign}${whole}` : `${sign}${whole}.${digits.slice(digits.length - exponent)}`;
}
