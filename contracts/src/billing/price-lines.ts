// Which element prices each segment, per dimension, as OCPI 2.2.1 §11.3 says: for each
// dimension, the FIRST element in the tariff's list whose restrictions all hold and that has a
// price component of that dimension. ENERGY prices the energy of every segment that delivered
// some (the meter decides what is sold, not the idle rule); TIME prices charging time,
// PARKING_TIME idle time, and FLAT is due once, from the element that applies at the start.
import { energyAt, type EnergyCurve } from './energy-curve.ts';
import { localTime } from './local-time.ts';
import { restrictionsHold, type RestrictionContext } from './restrictions.ts';
import type { Segment } from './segments.ts';
import type { PriceComponent, TariffVersion, TariffDimension } from './tariff.ts';
import { lastAtOrBefore } from './timeline.ts';
import type { MeterReading } from './usage.ts';

export interface RawLine {
  readonly tariff: TariffVersion;
  readonly elementIndex: number;
  readonly component: PriceComponent;
  readonly from: number;
  readonly to: number;
  /** Wh for ENERGY, ms for TIME and PARKING_TIME, 1 for FLAT. */
  readonly quantity: number;
}

export interface LineInput {
  readonly start: number;
  readonly segments: readonly Segment[];
  readonly curve: EnergyCurve;
  readonly readings: readonly MeterReading[];
  readonly tariffAtStart: TariffVersion;
}

interface Samples {
  readonly power: readonly MeterReading[];
  readonly current: readonly MeterReading[];
}

const METERED: readonly TariffDimension[] = ['ENERGY', 'TIME', 'PARKING_TIME'];

/** Lines in time order; consecutive segments priced by the same component make one line. */
export function priceLines(input: LineInput): RawLine[] {
  const samples: Samples = { power: input.readings.filter((r) => r.powerW !== null), current: input.readings.filter((r) => r.currentA !== null) };
  const flat = flatLine(input, samples);
  const lines: RawLine[] = flat === null ? [] : [flat];
  const open = new Map<TariffDimension, number>();
  for (const segment of input.segments) {
    const context = contextAt(input, samples, segment);
    for (const dimension of METERED) {
      const quantity = quantityOf(segment, dimension);
      if (quantity === 0) continue;
      const match = firstMatching(segment.tariff, dimension, context);
      if (match === null) continue;
      const line: RawLine = { tariff: segment.tariff, ...match, from: segment.from, to: segment.to, quantity };
      const openIndex = open.get(dimension);
      if (openIndex !== undefined) {
        const previous = lines[openIndex] as RawLine; // an open index is that of a line pushed below
        if (continues(previous, line)) {
          lines[openIndex] = { ...previous, to: line.to, quantity: previous.quantity + line.quantity };
          continue;
        }
      }
      open.set(dimension, lines.length);
      lines.push(line);
    }
  }
  return lines;
}

function flatLine(input: LineInput, samples: Samples): RawLine | null {
  const first = input.segments[0];
  const context = first === undefined ? contextAtStart(input) : contextAt(input, samples, first);
  const match = firstMatching(input.tariffAtStart, 'FLAT', context);
  if (match === null) return null;
  return { tariff: input.tariffAtStart, ...match, from: input.start, to: input.start, quantity: 1 };
}

function quantityOf(segment: Segment, dimension: TariffDimension): number {
  switch (dimension) {
    case 'ENERGY':
      return segment.energyWh;
    case 'TIME':
      return segment.kind === 'CHARGING' ? segment.to - segment.from : 0;
    case 'PARKING_TIME':
      return segment.kind === 'IDLE' ? segment.to - segment.from : 0;
    case 'FLAT':
      return 0;
    default:
      return exhaustive(dimension);
  }
}

function firstMatching(tariff: TariffVersion, dimension: TariffDimension, context: RestrictionContext): { elementIndex: number; component: PriceComponent } | null {
  for (const [elementIndex, element] of tariff.elements.entries()) {
    const component = element.priceComponents.find((candidate) => candidate.type === dimension);
    if (component !== undefined && restrictionsHold(element.restrictions, context)) return { elementIndex, component };
  }
  return null;
}

function continues(previous: RawLine, next: RawLine): boolean {
  return previous.to === next.from && previous.tariff === next.tariff && previous.elementIndex === next.elementIndex && previous.component === next.component;
}

function contextAt(input: LineInput, samples: Samples, segment: Segment): RestrictionContext {
  const power = lastAtOrBefore(samples.power, segment.from);
  const current = lastAtOrBefore(samples.current, segment.from);
  const lengthMs = segment.to - segment.from;
  // A station that reports no power: the segment's average power stands in for it.
  const averageW = lengthMs > 0 ? (segment.energyWh * 3_600_000) / lengthMs : null;
  return {
    local: localTime(segment.tariff.timeZone, segment.from),
    energyWh: energyAt(input.curve, segment.from),
    durationMs: segment.from - input.start,
    powerW: power?.powerW ?? averageW,
    currentA: current?.currentA ?? null,
  };
}

function contextAtStart(input: LineInput): RestrictionContext {
  return { local: localTime(input.tariffAtStart.timeZone, input.start), energyWh: energyAt(input.curve, input.start), durationMs: 0, powerW: null, currentA: null };
}

function exhaustive(value: never): never {
  throw new Error(`unhandled dimension ${String(value)}`);
}
