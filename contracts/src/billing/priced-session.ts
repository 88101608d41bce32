// What pricing returns: plain JSON-safe values (no BigInt, no undefined), so the same inputs
// serialize to the same bytes in the running-cost stream, the CDR and a re-rating.
import type { PricingFlag } from './pricing-flags.ts';
import type { TariffDimension } from './tariff.ts';
import type { PeriodKind } from './timeline.ts';

export interface PricedPeriod {
  readonly start: number;
  readonly end: number;
  readonly kind: PeriodKind;
}

/** A stretch in which nothing that sets the price changes; what a CDR's ChargingPeriod holds. */
export interface PricedChargingPeriod {
  readonly start: number;
  readonly end: number;
  readonly kind: PeriodKind;
  /** Whole Wh; the periods add up to energyWh exactly. */
  readonly energyWh: number;
  readonly tariffId: string;
  readonly tariffVersion: number;
}

export interface PricedLine {
  readonly tariffId: string;
  readonly tariffVersion: number;
  readonly elementIndex: number;
  readonly component: TariffDimension;
  readonly from: number;
  readonly to: number;
  /**
   * What the quantities count, exactly: kWh for ENERGY; seconds for TIME and PARKING_TIME
   * (an hour count is not a finite decimal for most durations); 1 per session for FLAT.
   */
  readonly unit: 'kWh' | 's' | 'session';
  readonly quantity: string;
  /** After the OCPI step size (see step-size.ts). */
  readonly billedQuantity: string;
  /** Excluding VAT, per kWh, per hour or per session. */
  readonly unitPrice: string;
  /** Percent. */
  readonly vatRate: string;
  /** Excluding VAT, in the currency's minor unit. */
  readonly amountMinor: number;
}

export interface VatLine {
  readonly rate: string;
  /** Excluding VAT, after min/max price. */
  readonly baseMinor: number;
  readonly vatMinor: number;
}

export interface PricedSession {
  readonly currency: string;
  readonly startedAt: number;
  /** stoppedAt, or asOf while the session runs. */
  readonly stoppedAt: number;
  readonly energyWh: number;
  readonly chargingSeconds: number;
  readonly idleSeconds: number;
  readonly periods: readonly PricedPeriod[];
  readonly chargingPeriods: readonly PricedChargingPeriod[];
  readonly lines: readonly PricedLine[];
  /** The sum of the lines' amounts, before min/max price. */
  readonly linesTotalMinor: number;
  readonly totalExclVatMinor: number;
  readonly vat: readonly VatLine[];
  readonly vatMinor: number;
  readonly totalInclVatMinor: number;
  readonly tariffVersions: readonly { readonly id: string; readonly version: number }[];
  readonly flags: readonly PricingFlag[];
}
