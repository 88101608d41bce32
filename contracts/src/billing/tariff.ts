// One version of a tariff, in OCPI 2.2.1 terms (Tariffs module, §11.3/11.4) but in shapes that
// Avro can carry: null instead of absent fields, epoch milliseconds for instants and exact
// decimal strings for prices and rates.

export type TariffDimension = 'ENERGY' | 'TIME' | 'PARKING_TIME' | 'FLAT';

export type DayOfWeek = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

export const DAYS_OF_WEEK: readonly DayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export interface PriceComponent {
  readonly type: TariffDimension;
  /** Excluding VAT, per kWh (ENERGY), per hour (TIME, PARKING_TIME) or per session (FLAT). */
  readonly price: string;
  /** Percent; null means the tariff's vatRate. */
  readonly vatRate: string | null;
  /** Wh for ENERGY, seconds for TIME and PARKING_TIME, 1 for FLAT. */
  readonly stepSize: number;
}

/** Every field must hold for the element to apply; null means no restriction. */
export interface TariffRestrictions {
  /** "HH:MM" local time; endTime before startTime wraps past midnight. */
  readonly startTime: string | null;
  readonly endTime: string | null;
  /** "YYYY-MM-DD" local date; endDate is exclusive. */
  readonly startDate: string | null;
  readonly endDate: string | null;
  /** Energy charged so far in the session: min inclusive, max exclusive. */
  readonly minKwh: number | null;
  readonly maxKwh: number | null;
  readonly minPowerKw: number | null;
  readonly maxPowerKw: number | null;
  readonly minCurrentA: number | null;
  readonly maxCurrentA: number | null;
  /** Session duration so far: min inclusive, max exclusive. */
  readonly minDurationSeconds: number | null;
  readonly maxDurationSeconds: number | null;
  readonly dayOfWeek: readonly DayOfWeek[] | null;
}

export interface TariffElement {
  readonly priceComponents: readonly PriceComponent[];
  readonly restrictions: TariffRestrictions | null;
}

export interface Tariff {
  readonly id: string;
  /** 1, 2, … per tariff id. */
  readonly version: number;
  /** Epoch ms from which this version prices a session's instants. */
  readonly validFrom: number;
  /** ISO 4217. */
  readonly currency: string;
  /** IANA zone in which time, day and date restrictions are read. */
  readonly timeZone: string;
  /** Percent, for components whose vatRate is null. */
  readonly vatRate: string;
  /** Excluding VAT, bounds on the session's total. */
  readonly minPrice: string | null;
  readonly maxPrice: string | null;
  /** Below this power the vehicle counts as idle (PARKING_TIME); null: power never decides it. */
  readonly idlePowerThresholdW: number | null;
  readonly elements: readonly TariffElement[];
}

/** Restrictions with every field null, to build on with a spread. */
export const NO_RESTRICTIONS: TariffRestrictions = {
  startTime: null,
  endTime: null,
  startDate: null,
  endDate: null,
  minKwh: null,
  maxKwh: null,
  minPowerKw: null,
  maxPowerKw: null,
  minCurrentA: null,
  maxCurrentA: null,
  minDurationSeconds: null,
  maxDurationSeconds: null,
  dayOfWeek: null,
};
