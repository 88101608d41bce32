// The session as OCPI 2.2.1 ChargingPeriods (CDRs module §10.4.6): a new period starts
// whenever anything that sets the price changes (a line starts or ends, charging turns idle,
// the tariff version changes), and each carries its own exact share of the energy, so a CDR
// can be written without re-deriving anything.
import type { RawLine } from './price-lines.ts';
import type { PricedChargingPeriod } from './priced-session.ts';
import type { Segment } from './segments.ts';

export function chargingPeriods(segments: readonly Segment[], lines: readonly RawLine[]): PricedChargingPeriod[] {
  const cuts = new Set<number>();
  for (const line of lines) {
    if (line.component.type === 'FLAT') continue;
    cuts.add(line.from);
    cuts.add(line.to);
  }
  const periods: PricedChargingPeriod[] = [];
  for (const segment of segments) {
    const last = periods.at(-1);
    const joins = last !== undefined && !cuts.has(segment.from) && last.kind === segment.kind && last.tariffVersion === segment.tariff.version;
    if (joins) {
      periods[periods.length - 1] = { ...last, end: segment.to, energyWh: last.energyWh + segment.energyWh };
    } else {
      periods.push({ start: segment.from, end: segment.to, kind: segment.kind, energyWh: segment.energyWh, tariffId: segment.tariff.id, tariffVersion: segment.tariff.version });
    }
  }
  return periods;
}
