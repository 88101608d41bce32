export type { DayOfWeek, PriceComponent, Tariff, TariffDimension, TariffElement, TariffRestrictions } from './tariff.ts';
export { DAYS_OF_WEEK, NO_RESTRICTIONS } from './tariff.ts';
export type { ChargingState, ChargingStateChange, MeterReading, ReceiptTime, SessionUsage } from './usage.ts';
export { validateTariff, type TariffProblem, type TariffProblemCode } from './validate-tariff.ts';
export { priceSession, type PricingOptions } from './pricing.ts';
export type { PricedLine, PricedPeriod, PricedSession, VatLine } from './priced-session.ts';
export type { PricingFlag } from './pricing-flags.ts';
export { PricingInputError } from './tariff-versions.ts';
export { minorUnitExponent } from './currency.ts';
