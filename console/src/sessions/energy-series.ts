// The energy register of a session over time, for its chart: Energy.Active.Import.Register
// readings (the OCPP default measurand when none is named), in kWh, oldest first, from the
// meter at the start to the meter at the stop, which the transaction itself carries.
import type { MeterValue, Transaction } from '../api/types.ts';

const REGISTER = 'Energy.Active.Import.Register';

/** uPlot's columns: seconds since the epoch, and kWh. */
export type EnergySeries = [number[], number[]];

function kwhOf(reading: MeterValue): number | null {
  const value = Number(reading.value);
  if (!Number.isFinite(value)) return null;
  return reading.unit === 'kWh' ? value : value / 1000;
}

type Ends = Pick<Transaction, 'startedAt' | 'meterStartWh' | 'stoppedAt' | 'meterStopWh'>;

function setEnd(points: Map<number, number>, at: string | null, wh: number | null): void {
  const time = at === null ? Number.NaN : Date.parse(at);
  if (wh !== null && !Number.isNaN(time)) points.set(time / 1000, wh / 1000);
}

export function energySeries(meterValues: readonly MeterValue[], ends?: Ends): EnergySeries {
  const points = new Map<number, number>();
  if (ends !== undefined) setEnd(points, ends.startedAt, ends.meterStartWh);
  for (const reading of meterValues) {
    // Per-phase readings would each be a part of the total: keep the station's total only.
    if ((reading.measurand || REGISTER) !== REGISTER || reading.phase !== null) continue;
    const kwh = kwhOf(reading);
    const at = Date.parse(reading.sampledAt);
    if (kwh === null || Number.isNaN(at)) continue;
    points.set(at / 1000, kwh);
  }
  if (ends !== undefined) setEnd(points, ends.stoppedAt, ends.meterStopWh);
  const sorted = [...points.entries()].sort(([a], [b]) => a - b);
  return [sorted.map(([at]) => at), sorted.map(([, kwh]) => kwh)];
}
