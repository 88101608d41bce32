// Small builders for the billing tests: a tariff, an element, a session, with only what a test
// is about spelled out at the call site.
import { NO_RESTRICTIONS, type PriceComponent, type TariffVersion, type TariffDimension, type TariffElement, type TariffRestrictions } from './tariff.ts';
import type { MeterReading, SessionUsage } from './usage.ts';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
/** Wednesday 15 January 2025, 10:00 UTC (11:00 in Amsterdam). */
export const T0 = Date.UTC(2025, 0, 15, 10, 0);

export function component(type: TariffDimension, price: string, stepSize = 1, vatRate: string | null = null): PriceComponent {
  return { type, price, vatRate, stepSize };
}

export function element(components: PriceComponent[], restrictions: Partial<TariffRestrictions> | null = null): TariffElement {
  return { priceComponents: components, restrictions: restrictions === null ? null : { ...NO_RESTRICTIONS, ...restrictions } };
}

export function tariff(elements: TariffElement[], overrides: Partial<TariffVersion> = {}): TariffVersion {
  return {
    id: 'T1',
    version: 1,
    validFrom: Date.UTC(2024, 0, 1),
    currency: 'EUR',
    timeZone: 'Europe/Amsterdam',
    vatRate: '20',
    minPrice: null,
    maxPrice: null,
    idlePowerThresholdW: null,
    elements,
    ...overrides,
  };
}

export function session(overrides: Partial<SessionUsage> = {}): SessionUsage {
  return {
    startedAt: T0,
    stoppedAt: T0 + HOUR,
    meterStartWh: 1000,
    meterStopWh: 11_000,
    readings: [],
    chargingStates: [],
    receivedAt: [],
    ...overrides,
  };
}

export function reading(at: number, energyWh: number | null, powerW: number | null = null, currentA: number | null = null): MeterReading {
  return { at, energyWh, powerW, currentA };
}

export const OPTIONS = { asOf: T0 + 10 * HOUR, maxClockSkewMs: 30_000 };
