// Amounts as the api and the scripts write them for people and spreadsheets: a decimal string with exactly the
// currency's minor-unit digits (ISO 4217: EUR "12.30", JPY "1230", KWD "1.230").
import { minorUnitExponent } from './currency.ts';
import { formatScaled } from './decimal.ts';

/** contracts' formatScaled, with the trailing zeros it drops put back up to the currency's digits. */
export function formatMinor(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not an amount in minor units`);
  const exponent = minorUnitExponent(currency);
  if (exponent === 0) return formatScaled(BigInt(minor), 0);
  const [whole, fraction = ''] = formatScaled(BigInt(minor), exponent).split('.');
  return `${whole}.${fraction.padEnd(exponent, '0')}`;
}
