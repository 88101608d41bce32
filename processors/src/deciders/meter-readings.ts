// A transaction's sampled values as pricing's MeterReadings: one per station timestamp, with the
// energy register (register-readings.ts), the active import power and the import current, in Wh,
// W and A. Tariff restrictions on power and current (OCPI 2.2.1 TariffRestrictions min/max_power,
// min/max_current) read the whole connector, so a value without a phase wins and per-phase values
// are otherwise summed.
import type { MeterReading, SampledValue } from '@csms/contracts';
import { registerReading } from './register-readings.ts';

// flattenMeterValues fills an omitted unit with the spec's default, Wh, which for a power or a
// current only means the station sent none: read it as the measurand's base unit.
const powerUnits: Readonly<Record<string, number>> = { W: 1, kW: 1000, Wh: 1 };
const currentUnits: Readonly<Record<string, number>> = { A: 1, Wh: 1 };

const LINES = ['L1', 'L2', 'L3'] as const;

function valueOf(sample: SampledValue, units: Readonly<Record<string, number>>): number | null {
  const factor = units[sample.unit ?? 'Wh'];
  const value = Number(sample.value);
  if (factor === undefined || sample.value.trim() === '' || !Number.isFinite(value)) return null;
  return value * factor;
}

/** The connector's total of a measurand at the outlet: the phase-less value, else the sum over L1-L3 (L1 or L1-N, first seen). */
function total(samples: readonly SampledValue[], measurand: string, units: Readonly<Record<string, number>>): number | null {
  const own = samples.filter((s) => s.measurand === measurand && (s.location === null || s.location === 'Outlet'));
  const whole = own.find((s) => s.phase === null && valueOf(s, units) !== null);
  if (whole !== undefined) return valueOf(whole, units);
  const perLine = LINES.map((line) => own.find((s) => s.phase?.startsWith(line) === true && valueOf(s, units) !== null));
  const found = perLine.filter((s): s is SampledValue => s !== undefined);
  return found.length === 0 ? null : found.reduce((sum, s) => sum + (valueOf(s, units) ?? 0), 0);
}

function readingAt(at: number, samples: readonly SampledValue[]): MeterReading | null {
  const energy = samples.map(registerReading).find((r) => r !== null) ?? null;
  const reading = {
    at, energyWh: energy?.wh ?? null, powerW: total(samples, 'Power.Active.Import', powerUnits),
    currentA: total(samples, 'Current.Import', currentUnits),
  };
  return reading.energyWh === null && reading.powerW === null && reading.currentA === null ? null : reading;
}

/** In station-time order; samples that carry none of the three measurands make no reading. */
export function meterReadings(samples: readonly SampledValue[]): MeterReading[] {
  const byTime = new Map<number, SampledValue[]>();
  for (const sample of samples) byTime.set(sample.timestamp, [...(byTime.get(sample.timestamp) ?? []), sample]);
  return [...byTime].sort(([a], [b]) => a - b).flatMap(([at, group]) => {
    const reading = readingAt(at, group);
    return reading === null ? [] : [reading];
  });
}
