// What pricing returns: the Avro records a CdrIssued carries (contracts/avro/cdr-issued.avsc),
// plain JSON-safe values (no BigInt, no undefined), so the same inputs serialize to the same
// bytes in the running cost, the CDR and a re-rating. Their meanings:
// - PricedChargingPeriod: a stretch in which nothing that sets the price changes (a CDR's
//   ChargingPeriod); the periods' whole Wh add up to energyWh exactly.
// - PricedLine: quantities count kWh for ENERGY, seconds for TIME and PARKING_TIME (an hour count
//   is not a finite decimal for most durations) and 1 per session for FLAT; billedQuantity is after
//   the OCPI step size (step-size.ts); unitPrice excludes VAT (per kWh, hour or session); vatRate is
//   a percent; amountMinor excludes VAT, in the currency's minor unit.
// - VatLine: per rate, the base excluding VAT after min/max price, and its VAT.
// - PricedSession: stoppedAt is asOf while the session runs; linesTotalMinor is the sum of the
//   lines before min/max price; flags are PricingFlag codes (pricing-flags.ts).
export type {
  PricedChargingPeriod, PricedLine, PricedPeriod, PricedSession, VatLine,
} from '../generated/avro-types.ts';
