// The energy register readings among a 2.0.1 transaction's samples, in whole Wh. A TransactionEvent
// has no meterStart or meterStop of its own (1.6 has): the start, the stop and the energy billed come
// from the Energy.Active.Import.Register values in its meter values (OCPP 2.0.1 J02).
import type { SampledValue } from '@csms/contracts';

export interface Reading {
  /** The station's time of the reading. */
  readonly at: number;
  readonly wh: number;
}

function whPerUnit(unit: string | null): number | null {
  switch (unit) {
    case null:
    case 'Wh':
      return 1;
    case 'kWh':
      return 1000;
    default:
      return null;
  }
}

/**
 * The total import register of the EVSE's own meter: a per-phase value is a part of it, and one at
 * the EV or the station's grid inlet measures something else. A reading that is no whole number of
 * Wh that a long holds, or is negative, is no reading (it could not be billed or stored).
 */
export function registerReading(sample: SampledValue): Reading | null {
  const { measurand, phase, location, unit, value } = sample;
  if (measurand !== 'Energy.Active.Import.Register' || phase !== null) return null;
  if (location !== null && location !== 'Outlet') return null;
  const factor = whPerUnit(unit);
  if (factor === null || value.trim() === '') return null;
  const wh = Math.round(Number(value) * factor);
  return Number.isSafeInteger(wh) && wh >= 0 ? { at: sample.timestamp, wh } : null;
}

function readings(samples: readonly SampledValue[]): Reading[] {
  return samples.flatMap((sample) => {
    const reading = registerReading(sample);
    return reading === null ? [] : [reading];
  });
}

function inContext(samples: readonly SampledValue[], context: string): SampledValue[] {
  return samples.filter((sample) => sample.context === context);
}

function earliest(found: readonly Reading[]): Reading | null {
  return found.reduce<Reading | null>((best, r) => (best === null || r.at < best.at ? r : best), null);
}

/** The latest of the readings by station time; the later one on a tie. */
export function latestReading(samples: readonly SampledValue[]): Reading | null {
  return readings(samples).reduce<Reading | null>((best, r) => (best === null || r.at >= best.at ? r : best), null);
}

/** The reading the station took at the start (context Transaction.Begin), when it sent one. */
export function beginReading(samples: readonly SampledValue[]): Reading | null {
  return earliest(readings(inContext(samples, 'Transaction.Begin')));
}

/** The start reading, else the earliest one that is not the stop reading: the first seen counts as the start. */
export function startReading(samples: readonly SampledValue[]): Reading | null {
  return beginReading(samples) ?? earliest(readings(samples.filter((sample) => sample.context !== 'Transaction.End')));
}

/** The reading the station took at the end (context Transaction.End), else its latest that is not the start reading. */
export function stopReading(samples: readonly SampledValue[]): Reading | null {
  return latestReading(inContext(samples, 'Transaction.End'))
    ?? latestReading(samples.filter((sample) => sample.context !== 'Transaction.Begin'));
}
