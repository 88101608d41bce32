// Charging versus idle, from station timestamps only. Idle time is what PARKING_TIME prices:
// the vehicle is plugged in but not drawing energy (OCPI 2.2.1 TariffDimensionType).
import type { EnergyPoint } from './metered-energy.ts';
import type { ChargingStateChange, MeterReading } from './usage.ts';

import type { PeriodKind } from '../generated/avro-types.ts';

export type { PeriodKind };

export interface Period {
  readonly start: number;
  readonly end: number;
  readonly kind: PeriodKind;
}

export interface TimelineInput {
  readonly start: number;
  readonly end: number;
  readonly readings: readonly MeterReading[];
  readonly chargingStates: readonly ChargingStateChange[];
  readonly energyPoints: readonly EnergyPoint[];
  /** Instants at which the tariff version, and so the idle power threshold, may change. */
  readonly versionChanges: readonly number[];
  readonly idlePowerThresholdWAt: (instant: number) => number | null;
}

/**
 * An instant is idle when any source says so: a 2.0.1 chargingState other than Charging, the
 * last power sample below the tariff's threshold, or, for a station that sends no power at
 * all, a register that did not move between two readings. Without evidence it is charging.
 */
export function buildTimeline(input: TimelineInput): Period[] {
  const powerSamples = input.readings.filter((reading) => reading.powerW !== null);
  const cuts = new Set<number>([input.start, input.end, ...input.versionChanges]);
  for (const change of input.chargingStates) cuts.add(change.at);
  for (const sample of powerSamples) cuts.add(sample.at);
  if (powerSamples.length === 0) for (const point of input.energyPoints) cuts.add(point.at);
  const instants = [...cuts].filter((at) => at >= input.start && at <= input.end).sort((a, b) => a - b);
  const periods: Period[] = [];
  for (let index = 1; index < instants.length; index += 1) {
    const start = instants[index - 1] as number;
    const end = instants[index] as number;
    const idle = stateIsIdle(input.chargingStates, start) || powerIsIdle(powerSamples, start, input.idlePowerThresholdWAt(start)) || (powerSamples.length === 0 && registerStill(input.energyPoints, start));
    const kind: PeriodKind = idle ? 'IDLE' : 'CHARGING';
    const last = periods.at(-1);
    if (last !== undefined && last.kind === kind) periods[periods.length - 1] = { ...last, end };
    else periods.push({ start, end, kind });
  }
  return periods;
}

function stateIsIdle(changes: readonly ChargingStateChange[], at: number): boolean {
  const current = lastAtOrBefore(changes, at);
  return current !== undefined && current.state !== 'Charging';
}

function powerIsIdle(samples: readonly MeterReading[], at: number, thresholdW: number | null): boolean {
  if (thresholdW === null) return false;
  const sample = lastAtOrBefore(samples, at);
  return sample?.powerW != null && sample.powerW < thresholdW;
}

/** Whether the register did not rise between the energy points (time-ordered) either side of an instant. */
function registerStill(points: readonly EnergyPoint[], at: number): boolean {
  const next = countAtOrBefore(points, at, (point) => point.at);
  const previous = points[next - 1];
  const current = points[next];
  return previous !== undefined && current !== undefined && current.wh <= previous.wh;
}

/** The last of time-ordered items stamped at or before an instant. */
export function lastAtOrBefore<T extends { readonly at: number }>(items: readonly T[], at: number): T | undefined {
  return items[countAtOrBefore(items, at, (item) => item.at) - 1];
}

/** The period (of buildTimeline's, in order and disjoint) that holds an instant, if any. */
export function periodAt(periods: readonly Period[], instant: number): Period | undefined {
  const period = periods[countAtOrBefore(periods, instant, (candidate) => candidate.start) - 1];
  return period !== undefined && instant < period.end ? period : undefined;
}

/** How many of the items, ordered by time, come at or before an instant: a binary search. */
function countAtOrBefore<T>(items: readonly T[], at: number, timeOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (timeOf(items[middle] as T) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Milliseconds of charging within [from, to]. */
export function chargingMsBetween(periods: readonly Period[], from: number, to: number): number {
  let total = 0;
  for (const period of periods) {
    if (period.kind === 'CHARGING') total += Math.max(0, Math.min(period.end, to) - Math.max(period.start, from));
  }
  return total;
}
