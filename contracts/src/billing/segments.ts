// The session cut into segments inside which no restriction can change its answer, so that
// each segment is priced by one element per dimension (OCPI 2.2.1 §11.3: the first element
// whose restrictions hold). Cuts: version changes, charging/idle changes, local time-of-day
// edges and midnights (DST-correct), kWh and duration thresholds, and power/current samples.
import { energyPerSegment, instantReaching, type EnergyCurve } from './energy-curve.ts';
import { localTimeEdges } from './local-time.ts';
import { scaled } from './restrictions.ts';
import type { TariffVersion, TariffRestrictions } from './tariff.ts';
import { versionAt } from './tariff-versions.ts';
import { periodAt, type Period, type PeriodKind } from './timeline.ts';
import type { MeterReading } from './usage.ts';

export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly kind: PeriodKind;
  readonly tariff: TariffVersion;
  readonly energyWh: number;
}

export interface SegmentInput {
  readonly start: number;
  readonly end: number;
  readonly versions: readonly TariffVersion[];
  readonly versionChanges: readonly number[];
  readonly periods: readonly Period[];
  readonly curve: EnergyCurve;
  readonly readings: readonly MeterReading[];
}

export function buildSegments(input: SegmentInput): Segment[] {
  const cuts = new Set<number>([input.start, input.end, ...input.versionChanges]);
  for (const period of input.periods) cuts.add(period.start);
  for (const [from, to, tariff] of versionIntervals(input)) {
    for (const instant of tariffCuts(tariff, from, to, input)) cuts.add(instant);
  }
  const boundaries = [...cuts].filter((at) => at >= input.start && at <= input.end).sort((a, b) => a - b);
  const energies = energyPerSegment(input.curve, boundaries);
  const segments: Segment[] = [];
  for (let index = 1; index < boundaries.length; index += 1) {
    const from = boundaries[index - 1] as number;
    segments.push({
      from,
      to: boundaries[index] as number,
      kind: kindAt(input.periods, from),
      tariff: versionAt(input.versions, from),
      energyWh: energies[index - 1] as number,
    });
  }
  return segments;
}

function versionIntervals(input: SegmentInput): [number, number, TariffVersion][] {
  const edges = [input.start, ...input.versionChanges, input.end];
  return edges.slice(1).map((to, index) => {
    const from = edges[index] as number;
    return [from, to, versionAt(input.versions, from)];
  });
}

function tariffCuts(tariff: TariffVersion, from: number, to: number, input: SegmentInput): number[] {
  const restrictions = tariff.elements.flatMap((element) => (element.restrictions === null ? [] : [element.restrictions]));
  const cuts: number[] = [];
  const times = localTimesOfInterest(restrictions);
  if (times.length > 0) cuts.push(...localTimeEdges(tariff.timeZone, from, to, times));
  for (const r of restrictions) {
    for (const kwh of [r.minKwh, r.maxKwh]) {
      if (kwh === null || kwh <= 0) continue;
      const reached = instantReaching(input.curve, scaled(kwh, 1000));
      if (reached !== null) cuts.push(reached);
    }
    for (const seconds of [r.minDurationSeconds, r.maxDurationSeconds]) {
      if (seconds !== null) cuts.push(input.start + Math.ceil(seconds * 1000));
    }
  }
  // A power or current bound can change its answer at any sample: every reading cuts, once.
  const measured = restrictions.some((r) => [r.minPowerKw, r.maxPowerKw, r.minCurrentA, r.maxCurrentA].some((bound) => bound !== null));
  if (measured) for (const reading of input.readings) cuts.push(reading.at);
  return cuts.filter((at) => at > from && at < to);
}

/** Band edges, and midnight when a day or date decides. */
function localTimesOfInterest(restrictions: readonly TariffRestrictions[]): string[] {
  const times = new Set<string>();
  for (const r of restrictions) {
    if (r.startTime !== null) times.add(r.startTime);
    if (r.endTime !== null) times.add(r.endTime);
    if (r.startDate !== null || r.endDate !== null || r.dayOfWeek !== null) times.add('00:00');
  }
  return [...times].sort();
}

function kindAt(periods: readonly Period[], instant: number): PeriodKind {
  return periodAt(periods, instant)?.kind ?? 'CHARGING';
}
