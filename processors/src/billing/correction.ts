// What a re-rating does to one billed session: nothing when the session prices as it was billed,
// byte for byte; otherwise a credit for the CDR it replaces and a Correction CDR, never an edit.
// Both ids derive from what they correct and from the new price, so running the same re-rating
// twice names the same records, which the read models keep once.
import { createHash } from 'node:crypto';
import type { CdrCredited, CdrIssued, PricedSession } from '@csms/contracts';

export interface Correction {
  readonly credit: CdrCredited;
  readonly correction: CdrIssued;
}

export interface CorrectionContext {
  /** When the re-rating ran. */
  readonly at: number;
  readonly reason: string;
  readonly requestedBy: string | null;
}

/** The same priced session serializes to the same text: pricing and Avro both keep field order. */
function fingerprint(priced: PricedSession): string {
  return createHash('sha256').update(JSON.stringify(priced)).digest('hex').slice(0, 16);
}

/** A correction of a correction keeps the session's own CDR id as its root, so ids stay short. */
function rootOf(cdrId: string): string {
  return cdrId.replace(/-C[0-9a-f]{16}$/, '');
}

export function correctionOf(billed: CdrIssued, repriced: PricedSession, context: CorrectionContext): Correction | null {
  if (JSON.stringify(billed.priced) === JSON.stringify(repriced)) return null;
  const tag = fingerprint(repriced);
  const { priced } = billed;
  const credit: CdrCredited = {
    type: 'CdrCredited', chargePointId: billed.chargePointId, at: context.at, creditId: `${billed.cdrId}-CREDIT-${tag}`,
    creditedCdrId: billed.cdrId, transactionId: billed.transactionId, currency: priced.currency,
    totalExclVatMinor: -priced.totalExclVatMinor, vatMinor: -priced.vatMinor, totalInclVatMinor: -priced.totalInclVatMinor,
    reason: context.reason, requestedBy: context.requestedBy,
  };
  const correction: CdrIssued = {
    ...billed, at: context.at, cdrId: `${rootOf(billed.cdrId)}-C${tag}`, kind: 'Correction', correctsCdrId: billed.cdrId, priced: repriced,
  };
  return { credit, correction };
}
