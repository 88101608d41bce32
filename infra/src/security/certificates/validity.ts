// The validity period of a certificate the CSMS issues.

/**
 * Certificates start an hour before they are issued: a station or client whose clock lags
 * would otherwise reject a certificate as not yet valid (the backdating public CAs also use).
 */
const BACKDATE_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function validity(now: Date, days: number, notAfterCap?: Date): { notBefore: Date; notAfter: Date } {
  const notAfter = new Date(now.getTime() + days * DAY_MS);
  // Path validation checks every certificate's validity (RFC 5280 §6.1.3): a leaf outliving its CA stops verifying with it.
  const capped = notAfterCap !== undefined && notAfterCap < notAfter ? notAfterCap : notAfter;
  return { notBefore: new Date(now.getTime() - BACKDATE_MS), notAfter: capped };
}
