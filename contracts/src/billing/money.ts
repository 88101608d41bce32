// Exact money. Every amount is an integer count of the currency's minor unit, computed from
// integer quantities (Wh, ms) and exact decimal prices with BigInt, and rounded exactly ONCE per
// line, half-up (a remainder of exactly half a minor unit goes up: 0.125 EUR → 0.13 EUR).
// VAT is then computed per rate on the sum of that rate's amounts, again rounded half-up once.
import { canonicalDecimal, compareDecimals, divideHalfUp, parseDecimal, pow10 } from './decimal.ts';
import type { TariffDimension } from './tariff.ts';

/** Quantity units per priced unit: Wh per kWh, ms per hour, sessions per session. */
const UNITS_PER_PRICED_UNIT: Record<TariffDimension, bigint> = {
  ENERGY: 1000n,
  TIME: 3_600_000n,
  PARKING_TIME: 3_600_000n,
  FLAT: 1n,
};

/** quantity (Wh, ms or 1) × price per kWh / hour / session, in minor units, half-up. */
export function lineAmountMinor(component: TariffDimension, quantity: number, price: string, exponent: number): bigint {
  const { units, scale } = parseDecimal(price);
  return divideHalfUp(BigInt(quantity) * units * pow10(exponent), UNITS_PER_PRICED_UNIT[component] * pow10(scale));
}

/** A decimal amount in major units (a min or max price) in minor units, half-up. */
export function decimalToMinor(amount: string, exponent: number): bigint {
  const { units, scale } = parseDecimal(amount);
  return divideHalfUp(units * pow10(exponent), pow10(scale));
}

export interface PriceBounds {
  readonly minMinor: bigint | null;
  readonly maxMinor: bigint | null;
}

export function boundedTotal(total: bigint, bounds: PriceBounds): { total: bigint; applied: 'MIN' | 'MAX' | null } {
  if (bounds.minMinor !== null && total < bounds.minMinor) return { total: bounds.minMinor, applied: 'MIN' };
  if (bounds.maxMinor !== null && total > bounds.maxMinor) return { total: bounds.maxMinor, applied: 'MAX' };
  return { total, applied: null };
}

export interface RatedAmount {
  readonly vatRate: string;
  readonly amountMinor: bigint;
}

export interface VatBase {
  readonly rate: string;
  readonly baseMinor: bigint;
  readonly vatMinor: bigint;
}

/**
 * The VAT per rate on a total. When min/max price moved the total away from the lines' sum,
 * the new total is shared over the rates in proportion to the lines' amounts (largest
 * remainder, so the bases still add up); with no amounts at all it carries the tariff's rate.
 */
export function vatByRate(lines: readonly RatedAmount[], total: bigint, defaultRate: string): VatBase[] {
  const sums = new Map<string, bigint>();
  for (const line of lines) {
    const rate = canonicalDecimal(line.vatRate);
    sums.set(rate, (sums.get(rate) ?? 0n) + line.amountMinor);
  }
  const rates = [...sums.keys()].sort(compareDecimals);
  const linesTotal = [...sums.values()].reduce((sum, value) => sum + value, 0n);
  if (linesTotal === 0n) return total === 0n ? [] : [withVat(canonicalDecimal(defaultRate), total)];
  const bases = shareByWeight(rates.map((rate) => sums.get(rate) ?? 0n), linesTotal, total);
  return rates.map((rate, index) => withVat(rate, bases[index] ?? 0n));
}

function withVat(rate: string, baseMinor: bigint): VatBase {
  const { units, scale } = parseDecimal(rate);
  return { rate, baseMinor, vatMinor: divideHalfUp(baseMinor * units, 100n * pow10(scale)) };
}

function shareByWeight(weights: readonly bigint[], weightTotal: bigint, total: bigint): bigint[] {
  if (total === weightTotal) return [...weights];
  const shares = weights.map((weight) => (weight * total) / weightTotal);
  let missing = total - shares.reduce((sum, share) => sum + share, 0n);
  const order = weights
    .map((weight, index) => ({ index, remainder: (weight * total) % weightTotal }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (missing <= 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    missing -= 1n;
  }
  return shares;
}
