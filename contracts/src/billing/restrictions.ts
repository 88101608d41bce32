// Whether a tariff element's restrictions hold at the start of a segment. Segments are cut at
// every instant where one of these can change, so the start speaks for the whole segment.
// Bounds follow OCPI 2.2.1 TariffRestrictions: min_* inclusive, max_* exclusive, end_date
// exclusive, end_time exclusive and wrapping past midnight when before start_time.
import { decimalOfNumber, parseDecimal } from './decimal.ts';
import { minutesOf, type LocalTime } from './local-time.ts';
import { compare, rational, type Rational } from './rational.ts';
import type { TariffRestrictions } from './tariff.ts';

export interface RestrictionContext {
  readonly local: LocalTime;
  /** Energy delivered since the session started, exactly. */
  readonly energyWh: Rational;
  readonly durationMs: number;
  /** Unknown power or current fails a power or current restriction: no evidence, no price. */
  readonly powerW: number | null;
  readonly currentA: number | null;
}

export function restrictionsHold(r: TariffRestrictions | null, context: RestrictionContext): boolean {
  if (r === null) return true;
  return (
    timeOfDayHolds(r.startTime, r.endTime, context.local.msOfDay) &&
    (r.startDate === null || context.local.date >= r.startDate) &&
    (r.endDate === null || context.local.date < r.endDate) &&
    (r.dayOfWeek === null || r.dayOfWeek.includes(context.local.dayOfWeek)) &&
    rangeHolds(context.energyWh, r.minKwh, r.maxKwh, 1000) &&
    rangeHolds(rational(BigInt(context.durationMs)), r.minDurationSeconds, r.maxDurationSeconds, 1000) &&
    measuredHolds(context.powerW, r.minPowerKw, r.maxPowerKw, 1000) &&
    measuredHolds(context.currentA, r.minCurrentA, r.maxCurrentA, 1)
  );
}

function timeOfDayHolds(startTime: string | null, endTime: string | null, msOfDay: number): boolean {
  const minute = msOfDay / 60_000;
  const start = startTime === null ? null : minutesOf(startTime);
  const end = endTime === null ? null : minutesOf(endTime);
  if (start !== null && end !== null) {
    if (start === end) return true;
    return start < end ? minute >= start && minute < end : minute >= start || minute < end;
  }
  return (start === null || minute >= start) && (end === null || minute < end);
}

function measuredHolds(value: number | null, min: number | null, max: number | null, perUnit: number): boolean {
  if (min === null && max === null) return true;
  if (value === null) return false;
  return rangeHolds(exactOf(value), min, max, perUnit);
}

/** min ≤ value < max, with the bounds given in units of perUnit × value's unit (kWh against Wh). */
function rangeHolds(value: Rational, min: number | null, max: number | null, perUnit: number): boolean {
  if (min !== null && compare(value, scaled(min, perUnit)) < 0) return false;
  if (max !== null && compare(value, scaled(max, perUnit)) >= 0) return false;
  return true;
}

/** A restriction bound in the value's own unit, exactly: 1.5 kWh is 1500 Wh. */
export function scaled(bound: number, perUnit: number): Rational {
  return multiplyExact(exactOf(bound), perUnit);
}

function exactOf(value: number): Rational {
  const { units, scale } = parseDecimal(decimalOfNumber(value) ?? '0');
  return rational(units, 10n ** BigInt(scale));
}

function multiplyExact(value: Rational, factor: number): Rational {
  return rational(value.n * BigInt(factor), value.d);
}
