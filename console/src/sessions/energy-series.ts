// The energy register of a session over time, for its chart: Energy.Active.Import.Register
// readings (the OCPP default measurand when none is named), in kWh, oldest first.
import type { MeterValue } from '../api/types.ts';

const REGISTER = 'Energy.Active.Import.Register';

/** uPlot's columns: seconds since the epoch, and kWh. */
export type EnergySeries = [number[], number[]];

function kwhOf(reading: MeterValue): number | null {
  const value = Number(reading.value);
  if (!Number.isFinite(value)) return null;
  return reading.unit === 'kWh' ? value : value / 1000;
}

export function energySeries(meterValues: readonly MeterValue[]): EnergySeries {
  const points = new Map<number, number>();
  for (const reading of meterValues) {
    // Per-phase readings would each be a part of the total: keep the station's total only.
    if ((reading.measurand || REGISTER) !== REGISTER || reading.phase !== null) continue;
    const kwh = kwhOf(reading);
    const at = Date.parse(reading.sampledAt);
    if (kwh === null || Number.isNaN(at)) continue;
    points.set(at / 1000, kwh);
  }
  const sorted = [...points.entries()].sort(([a], [b]) => a - b);
  return [sorted.map(([at]) => at), sorted.map(([, kwh]) => kwh)];
}
