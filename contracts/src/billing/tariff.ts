// One version of a tariff, in OCPI 2.2.1 terms (Tariffs module, §11.3/11.4) but in shapes that
// Avro can carry: null instead of absent fields, epoch milliseconds for instants and exact
// decimal strings for prices and rates.

import type { DayOfWeek, TariffRestrictions } from '../generated/avro-types.ts';

// The shapes are the Avro records of csms.config.tariffs (contracts/avro/tariff.avsc), so what
// the topic holds is what pricing reads, with no mapping in between.
export type { DayOfWeek, PriceComponent, TariffDimension, TariffElement, TariffRestrictions } from '../generated/avro-types.ts';

export type { TariffVersion } from '../generated/avro-types.ts';

export const DAYS_OF_WEEK: readonly DayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

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
