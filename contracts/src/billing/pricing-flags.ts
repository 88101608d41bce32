// Stable codes for what pricing noticed but priced through anyway; a CDR carries them so an
// operator can see why a bill may be off, and a re-rating can look for them.
export type PricingFlag =
  /** The session still runs: priced up to asOf, not final. */
  | 'PROVISIONAL'
  /** meterStop is below meterStart: that difference is not billed. */
  | 'METER_STOP_BELOW_START'
  | 'METER_START_MISSING'
  | 'METER_STOP_MISSING'
  /** A reading lower than the one before it: only the increases count. */
  | 'REGISTER_RESET'
  /** A reading lower than meterStart. */
  | 'READING_BELOW_START'
  /** Readings stamped outside [start, stop] were ignored. */
  | 'READINGS_OUTSIDE_SESSION'
  /** The readings' increases differ from meterStop − meterStart, which is billed. */
  | 'ENERGY_MISMATCH'
  /** The station's clock is off by more than maxClockSkewMs; station time was used anyway. */
  | 'CLOCK_SKEW'
  /** Part of the session lies before the first tariff version; that version priced it. */
  | 'BEFORE_FIRST_TARIFF_VERSION'
  | 'MIN_PRICE_APPLIED'
  | 'MAX_PRICE_APPLIED';
