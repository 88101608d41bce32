// How much energy the session delivered, and when. The transaction's own meterStart and
// meterStop decide the total (OCPP's billing values); the samples between them only shape
// when it flowed, and stand in for a missing meterStart or meterStop.
import type { PricingFlag } from './pricing-flags.ts';
import type { MeterReading, SessionUsage } from './usage.ts';

export interface EnergyPoint {
  readonly at: number;
  readonly wh: number;
  readonly source: 'METER_START' | 'READING' | 'METER_STOP';
}

/** The register's increase between two instants; never negative. */
export interface EnergyPiece {
  readonly from: number;
  readonly to: number;
  readonly increaseWh: number;
}

export interface MeteredEnergy {
  readonly totalWh: number;
  readonly pieces: readonly EnergyPiece[];
  readonly flags: readonly PricingFlag[];
}

/** The register values in time order: meterStart, the energy samples, meterStop. */
export function energyPoints(usage: SessionUsage, readings: readonly MeterReading[]): EnergyPoint[] {
  const points: EnergyPoint[] = [];
  if (usage.meterStartWh !== null) points.push({ at: usage.startedAt, wh: usage.meterStartWh, source: 'METER_START' });
  for (const reading of readings) {
    if (reading.energyWh !== null) points.push({ at: reading.at, wh: reading.energyWh, source: 'READING' });
  }
  if (usage.stoppedAt !== null && usage.meterStopWh !== null) points.push({ at: usage.stoppedAt, wh: usage.meterStopWh, source: 'METER_STOP' });
  return points;
}

export function meteredEnergy(usage: SessionUsage, points: readonly EnergyPoint[]): MeteredEnergy {
  const flags = new Set<PricingFlag>();
  if (usage.meterStartWh === null) flags.add('METER_START_MISSING');
  if (usage.stoppedAt !== null && usage.meterStopWh === null) flags.add('METER_STOP_MISSING');
  const meterStart = usage.meterStartWh;
  const meterStop = usage.stoppedAt === null ? null : usage.meterStopWh;
  if (meterStart !== null && meterStop !== null && meterStop < meterStart) flags.add('METER_STOP_BELOW_START');
  const pieces: EnergyPiece[] = [];
  let increases = 0;
  for (let index = 1; index < points.length; index += 1) {
    const previous = points[index - 1] as EnergyPoint;
    const current = points[index] as EnergyPoint;
    const change = current.wh - previous.wh;
    // A register that went down was reset (or the sample is bad): bill the increases only.
    if (change < 0) flags.add(decreaseFlag(previous, current));
    const increaseWh = Math.max(change, 0);
    increases += increaseWh;
    addPiece(pieces, { from: previous.at, to: current.at, increaseWh });
  }
  const trustMeters = meterStart !== null && meterStop !== null && meterStop >= meterStart && !flags.has('REGISTER_RESET');
  const totalWh = trustMeters ? meterStop - meterStart : increases;
  if (trustMeters && increases !== totalWh) flags.add('ENERGY_MISMATCH');
  return { totalWh, pieces, flags: [...flags] };
}

function decreaseFlag(previous: EnergyPoint, current: EnergyPoint): PricingFlag {
  if (previous.source === 'METER_START' && current.source === 'METER_STOP') return 'METER_STOP_BELOW_START';
  if (previous.source === 'METER_START') return 'READING_BELOW_START';
  return 'REGISTER_RESET';
}

/** An increase stamped at a single instant joins the piece before it (or after, at the start). */
function addPiece(pieces: EnergyPiece[], piece: EnergyPiece): void {
  const last = pieces.at(-1);
  if (piece.to > piece.from) {
    if (last !== undefined && last.to === last.from) pieces[pieces.length - 1] = { ...piece, increaseWh: piece.increaseWh + last.increaseWh };
    else pieces.push(piece);
  } else if (last !== undefined) {
    pieces[pieces.length - 1] = { ...last, increaseWh: last.increaseWh + piece.increaseWh };
  } else {
    pieces.push(piece);
  }
}
