// priceSession: a session's facts and its tariff's versions in, a priced session out. Pure and
// deterministic (no clock, no I/O, no floats in money): the running cost, the one CDR per
// session and a re-rating of the past all call it and must agree byte for byte.
import { chargingPeriods } from './charging-periods.ts';
import { minorUnitExponent } from './currency.ts';
import { canonicalDecimal, formatScaled } from './decimal.ts';
import { energyCurve } from './energy-curve.ts';
import { energyPoints, meteredEnergy } from './metered-energy.ts';
import { boundedTotal, decimalToMinor, lineAmountMinor, vatByRate } from './money.ts';
import { priceLines, type RawLine } from './price-lines.ts';
import type { PricedLine, PricedSession } from './priced-session.ts';
import type { PricingFlag } from './pricing-flags.ts';
import { buildSegments } from './segments.ts';
import { sessionReadings } from './session-readings.ts';
import { billedQuantities } from './step-size.ts';
import type { TariffVersion, TariffDimension } from './tariff.ts';
import { orderedVersions, versionAt, versionChanges } from './tariff-versions.ts';
import { buildTimeline, chargingMsBetween } from './timeline.ts';
import type { SessionUsage } from './usage.ts';

export interface PricingOptions {
  /** The instant a running session is priced up to; ignored once it has stopped. */
  readonly asOf: number;
  /** Beyond this gap between station time and receipt time, the session is flagged CLOCK_SKEW. */
  readonly maxClockSkewMs: number;
}

const DIMENSION_ORDER: Record<TariffDimension, number> = { FLAT: 0, ENERGY: 1, TIME: 2, PARKING_TIME: 3 };

export function priceSession(usage: SessionUsage, versions: readonly TariffVersion[], options: PricingOptions): PricedSession {
  const flags = new Set<PricingFlag>();
  const start = usage.startedAt;
  const end = Math.max(start, usage.stoppedAt ?? options.asOf);
  if (usage.stoppedAt === null) flags.add('PROVISIONAL');
  if (usage.receivedAt.some((receipt) => Math.abs(receipt.receivedAt - receipt.stationAt) > options.maxClockSkewMs)) flags.add('CLOCK_SKEW');
  const ordered = orderedVersions(versions);
  const tariffAtStart = versionAt(ordered, start);
  if (start < (ordered[0] as TariffVersion).validFrom) flags.add('BEFORE_FIRST_TARIFF_VERSION');

  const { readings, metered, periods, curve, segments, flags: measureFlags } = measure(usage, ordered, start, end);
  const raw = priceLines({ start, segments, curve, readings, tariffAtStart }).sort(compareLines);
  const exponent = minorUnitExponent(tariffAtStart.currency);
  const lines = pricedLines(raw, exponent);
  const chargingMs = chargingMsBetween(periods, start, end);

  const { linesTotal, bounded, vat, vatMinor } = settle(lines, tariffAtStart, exponent);
  if (bounded.applied === 'MIN') flags.add('MIN_PRICE_APPLIED');
  if (bounded.applied === 'MAX') flags.add('MAX_PRICE_APPLIED');
  for (const flag of measureFlags) flags.add(flag);

  return {
    currency: tariffAtStart.currency,
    startedAt: start,
    stoppedAt: end,
    energyWh: metered.totalWh,
    chargingSeconds: chargingMs / 1000,
    idleSeconds: (end - start - chargingMs) / 1000,
    periods,
    chargingPeriods: chargingPeriods(segments, raw),
    lines,
    linesTotalMinor: Number(linesTotal),
    totalExclVatMinor: Number(bounded.total),
    vat: vat.map((base) => ({ rate: base.rate, baseMinor: Number(base.baseMinor), vatMinor: Number(base.vatMinor) })),
    vatMinor: Number(vatMinor),
    totalInclVatMinor: Number(bounded.total + vatMinor),
    tariffVersions: versionsUsed(raw, bounded.applied === null ? null : tariffAtStart),
    flags: [...flags].sort(),
  };
}

/** What happened, when, and under which version: the timeline cut into segments to price. */
function measure(usage: SessionUsage, ordered: readonly TariffVersion[], start: number, end: number) {
  const { readings, chargingStates, flags: readingFlags } = sessionReadings(usage, end);
  const points = energyPoints(usage, readings);
  const metered = meteredEnergy(usage, points);
  const changes = versionChanges(ordered, start, end);
  const idlePowerThresholdWAt = (at: number) => versionAt(ordered, at).idlePowerThresholdW;
  const periods = buildTimeline({ start, end, readings, chargingStates, energyPoints: points, versionChanges: changes, idlePowerThresholdWAt });
  const curve = energyCurve(metered.pieces, metered.totalWh, periods);
  const segments = buildSegments({ start, end, versions: ordered, versionChanges: changes, periods, curve, readings });
  return { readings, metered, periods, curve, segments, flags: [...readingFlags, ...metered.flags] };
}

/**
 * The session's total: lines, then min/max price on the total excluding VAT, then VAT per rate.
 * The version in force at the start bounds it: it is the offer the driver plugged in under.
 */
function settle(lines: readonly PricedLine[], tariffAtStart: TariffVersion, exponent: number) {
  const linesTotal = lines.reduce((sum, line) => sum + BigInt(line.amountMinor), 0n);
  const bounded = boundedTotal(linesTotal, {
    minMinor: tariffAtStart.minPrice === null ? null : decimalToMinor(tariffAtStart.minPrice, exponent),
    maxMinor: tariffAtStart.maxPrice === null ? null : decimalToMinor(tariffAtStart.maxPrice, exponent),
  });
  const vat = vatByRate(lines.map((line) => ({ vatRate: line.vatRate, amountMinor: BigInt(line.amountMinor) })), bounded.total, tariffAtStart.vatRate);
  const vatMinor = vat.reduce((sum, base) => sum + base.vatMinor, 0n);
  return { linesTotal, bounded, vat, vatMinor };
}

function pricedLines(raw: readonly RawLine[], exponent: number): PricedLine[] {
  const billed = billedQuantities(raw.map((line) => ({ component: line.component.type, quantity: line.quantity, stepSize: line.component.stepSize })));
  return raw.map((line, index) => {
    const type = line.component.type;
    const billedQuantity = billed[index] as number;
    return {
      tariffId: line.tariff.id,
      tariffVersion: line.tariff.version,
      elementIndex: line.elementIndex,
      component: type,
      from: line.from,
      to: line.to,
      unit: type === 'ENERGY' ? 'kWh' : type === 'FLAT' ? 'session' : 's',
      quantity: formatQuantity(type, line.quantity),
      billedQuantity: formatQuantity(type, billedQuantity),
      unitPrice: canonicalDecimal(line.component.price),
      vatRate: canonicalDecimal(line.component.vatRate ?? line.tariff.vatRate),
      amountMinor: Number(lineAmountMinor(type, billedQuantity, line.component.price, exponent)),
    };
  });
}

/** Wh as kWh, ms as seconds: both exact with three decimals at most. */
function formatQuantity(type: TariffDimension, quantity: number): string {
  return type === 'FLAT' ? String(quantity) : formatScaled(BigInt(quantity), 3);
}

function compareLines(a: RawLine, b: RawLine): number {
  return a.from - b.from || DIMENSION_ORDER[a.component.type] - DIMENSION_ORDER[b.component.type] || a.to - b.to;
}

function versionsUsed(lines: readonly RawLine[], bounding: TariffVersion | null): { id: string; version: number }[] {
  const used = new Map<number, string>();
  for (const line of lines) used.set(line.tariff.version, line.tariff.id);
  if (bounding !== null) used.set(bounding.version, bounding.id);
  return [...used.entries()].sort(([a], [b]) => a - b).map(([version, id]) => ({ id, version }));
}
