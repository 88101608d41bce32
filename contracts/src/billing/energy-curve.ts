// Cumulative energy over the session as an exact piecewise-linear function of charging time:
// between two register values the increase is spread over the charging time between them
// (linear interpolation when all of it is charging; over the whole gap when none is).
// Scaled so that it ends exactly at the billed total.
import type { EnergyPiece } from './metered-energy.ts';
import { add, compare, floor, multiply, rational, subtract, ZERO, type Rational } from './rational.ts';
import { chargingMsBetween, type Period } from './timeline.ts';

interface CurvePiece {
  readonly from: number;
  readonly to: number;
  readonly wh: Rational;
  /** What the piece's energy is spread over: its charging ms, or its length when it has none. */
  readonly spreadMs: number;
  readonly byCharging: boolean;
}

export interface EnergyCurve {
  readonly pieces: readonly CurvePiece[];
  /** Energy delivered before each piece, so a lookup does not re-add the pieces before it. */
  readonly before: readonly Rational[];
  readonly periods: readonly Period[];
}

export function energyCurve(pieces: readonly EnergyPiece[], totalWh: number, periods: readonly Period[]): EnergyCurve {
  const increases = pieces.reduce((sum, piece) => sum + piece.increaseWh, 0);
  const curve: CurvePiece[] = [];
  for (const piece of pieces) {
    if (piece.to <= piece.from || increases === 0) continue;
    const chargingMs = chargingMsBetween(periods, piece.from, piece.to);
    curve.push({
      from: piece.from,
      to: piece.to,
      wh: rational(BigInt(piece.increaseWh) * BigInt(totalWh), BigInt(increases)),
      spreadMs: chargingMs > 0 ? chargingMs : piece.to - piece.from,
      byCharging: chargingMs > 0,
    });
  }
  const before: Rational[] = [];
  let total = ZERO;
  for (const piece of curve) {
    before.push(total);
    total = add(total, piece.wh);
  }
  return { pieces: curve, before, periods };
}

/** Energy delivered from the start up to an instant, exactly. */
export function energyAt(curve: EnergyCurve, instant: number): Rational {
  // The pieces are in time order and do not overlap: find the first that ends after the instant.
  let low = 0;
  let high = curve.pieces.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((curve.pieces[middle] as CurvePiece).to <= instant) low = middle + 1;
    else high = middle;
  }
  const piece = curve.pieces[low];
  if (piece === undefined) return curve.pieces.length === 0 ? ZERO : add(curve.before.at(-1) as Rational, (curve.pieces.at(-1) as CurvePiece).wh);
  const before = curve.before[low] as Rational;
  if (instant <= piece.from) return before;
  return add(before, multiply(piece.wh, rational(BigInt(spreadBetween(curve, piece, piece.from, instant)), BigInt(piece.spreadMs))));
}

/** The first whole millisecond at which the delivered energy reaches wh, or null if it never does. */
export function instantReaching(curve: EnergyCurve, wh: Rational): number | null {
  let before = ZERO;
  for (const piece of curve.pieces) {
    const after = add(before, piece.wh);
    if (compare(after, wh) >= 0) {
      // The share of the piece's spread still needed, in ms, rounded up to a whole ms.
      const neededMs = Number(ceilDiv(multiply(subtract(wh, before), rational(BigInt(piece.spreadMs))), piece.wh));
      return instantAfterSpread(curve, piece, neededMs);
    }
    before = after;
  }
  return null;
}

/** Whole Wh per segment between consecutive boundaries, summing exactly to the energy between the first and last. */
export function energyPerSegment(curve: EnergyCurve, boundaries: readonly number[]): number[] {
  const exact: Rational[] = [];
  for (let index = 1; index < boundaries.length; index += 1) {
    exact.push(subtract(energyAt(curve, boundaries[index] as number), energyAt(curve, boundaries[index - 1] as number)));
  }
  return largestRemainder(exact);
}

/** Rounds each share down, then gives the missing units to the largest remainders (earliest first on ties). */
function largestRemainder(shares: readonly Rational[]): number[] {
  const floors = shares.map(floor);
  const total = floor(shares.reduce(add, ZERO));
  let missing = Number(total - floors.reduce((sum, value) => sum + value, 0n));
  const order = shares
    .map((share, index) => ({ index, remainder: subtract(share, rational(floors[index] as bigint)) }))
    .sort((a, b) => compare(b.remainder, a.remainder) || a.index - b.index);
  for (const { index } of order) {
    if (missing <= 0) break;
    floors[index] = (floors[index] as bigint) + 1n;
    missing -= 1;
  }
  return floors.map(Number);
}

function spreadBetween(curve: EnergyCurve, piece: CurvePiece, from: number, to: number): number {
  return piece.byCharging ? chargingMsBetween(curve.periods, from, to) : to - from;
}

function instantAfterSpread(curve: EnergyCurve, piece: CurvePiece, neededMs: number): number {
  if (!piece.byCharging) return piece.from + neededMs;
  let remaining = neededMs;
  for (const period of curve.periods) {
    if (period.kind !== 'CHARGING') continue;
    const start = Math.max(period.start, piece.from);
    const end = Math.min(period.end, piece.to);
    if (end <= start) continue;
    if (remaining <= end - start) return start + remaining;
    remaining -= end - start;
  }
  return piece.to;
}

function ceilDiv(a: Rational, b: Rational): bigint {
  const quotient = rational(a.n * b.d, a.d * b.n);
  return -floor(rational(-quotient.n, quotient.d));
}
