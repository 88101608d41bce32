// The readings pricing may use: those stamped inside the session, in time order, one per
// instant. Sorting on every field (not just the time) makes the result independent of the
// order the samples arrived in, which a replay does not guarantee.
import type { PricingFlag } from './pricing-flags.ts';
import type { ChargingStateChange, MeterReading, SessionUsage } from './usage.ts';

export interface SessionReadings {
  readonly readings: readonly MeterReading[];
  readonly chargingStates: readonly ChargingStateChange[];
  readonly flags: readonly PricingFlag[];
}

export function sessionReadings(usage: SessionUsage, end: number): SessionReadings {
  const inside = (at: number): boolean => at >= usage.startedAt && at <= end;
  const kept = usage.readings.filter((reading) => inside(reading.at));
  const flags: PricingFlag[] = kept.length < usage.readings.length ? ['READINGS_OUTSIDE_SESSION'] : [];
  const sorted = [...kept].sort(compareReadings);
  const readings: MeterReading[] = [];
  for (const reading of sorted) {
    const last = readings.at(-1);
    if (last === undefined || last.at !== reading.at) readings.push(reading);
    else readings[readings.length - 1] = mergeSameInstant(last, reading);
  }
  // Plain code-unit order, not localeCompare: the order must not depend on the machine's ICU locale.
  const states = usage.chargingStates.filter((change) => inside(change.at)).sort((a, b) => a.at - b.at || (a.state < b.state ? -1 : a.state > b.state ? 1 : 0));
  const chargingStates = states.filter((change, index) => index === 0 || states[index - 1]?.at !== change.at);
  return { readings, chargingStates, flags };
}

/** Two samples of one instant: each measurand from the first that has it, in sorted order. */
function mergeSameInstant(first: MeterReading, second: MeterReading): MeterReading {
  return {
    at: first.at,
    energyWh: first.energyWh ?? second.energyWh,
    powerW: first.powerW ?? second.powerW,
    currentA: first.currentA ?? second.currentA,
  };
}

function compareReadings(a: MeterReading, b: MeterReading): number {
  return a.at - b.at || compareNullable(a.energyWh, b.energyWh) || compareNullable(a.powerW, b.powerW) || compareNullable(a.currentA, b.currentA);
}

/** Values before nulls, so a sample that has a measurand wins the merge. */
function compareNullable(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}
