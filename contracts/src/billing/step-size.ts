// OCPI 2.2.1 PriceComponent.step_size, as the spec's notes on it read:
// - the billed volume is rounded UP to a whole number of steps;
// - it is applied once per session to the session's TOTAL of a dimension, not per period or
//   per element: once for ENERGY, and once for TIME and PARKING_TIME together;
// - when elements with different step sizes priced that dimension, the step size of the LAST
//   one used (in time) applies;
// - when both TIME and PARKING_TIME were billed, only the total parking time is rounded.
// The rounded-up remainder is added to the last line of that dimension, the one whose step
// size applied.
import type { TariffDimension } from './tariff.ts';

export interface UnsteppedLine {
  readonly component: TariffDimension;
  /** Wh for ENERGY, ms for TIME and PARKING_TIME, 1 for FLAT. */
  readonly quantity: number;
  /** Wh for ENERGY, seconds for TIME and PARKING_TIME. */
  readonly stepSize: number;
}

/** The billed quantity of each line, in the line's own unit, in the same order. */
export function billedQuantities(lines: readonly UnsteppedLine[]): number[] {
  const billed = lines.map((line) => line.quantity);
  roundUpTotal(lines, billed, 'ENERGY', 1);
  const parked = lines.some((line) => line.component === 'PARKING_TIME');
  roundUpTotal(lines, billed, parked ? 'PARKING_TIME' : 'TIME', 1000);
  return billed;
}

function roundUpTotal(lines: readonly UnsteppedLine[], billed: number[], component: TariffDimension, unitsPerStepUnit: number): void {
  const indexes = lines.flatMap((line, index) => (line.component === component ? [index] : []));
  const last = indexes.at(-1);
  if (last === undefined) return;
  const total = indexes.reduce((sum, index) => sum + (lines[index] as UnsteppedLine).quantity, 0);
  const step = (lines[last] as UnsteppedLine).stepSize * unitsPerStepUnit;
  const rounded = Math.ceil(total / step) * step;
  billed[last] = (billed[last] as number) + (rounded - total);
}
