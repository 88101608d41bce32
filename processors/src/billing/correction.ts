// What a re-rating does to one billed session: nothing when the session prices as it was billed,
// byte for byte; otherwise a credit for the CDR it replaces and a Correction CDR, never an edit.
// Both ids derive from the CDR they correct and from the new price, so running the same re-rating
// twice names the same records, which the read models keep once, while re-rating back to an earlier
// price (X→B→C→B) corrects a different CDR each time and so names new records.
import { createHash } from 'node:crypto';
import type { CdrCredited, CdrIssued, PricedSession } from '@csms/contracts';
import { billingFlagsOf, withBillingFlags } from '../deciders/billing-records.ts';

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

/**
 * The credited CDR's id and the new price. The same priced session serializes to the same text:
 * pricing and Avro both keep field order.
 */
function fingerprint(creditedCdrId: string, priced: PricedSession): string {
  return createHash('sha256').update(creditedCdrId).update('\n').update(JSON.stringify(priced)).digest('hex').slice(0, 16);
}

/** A correction of a correction keeps the session's own CDR id as its root, so ids stay short. */
function rootOf(cdrId: string): string {
  return cdrId.replace(/-C[0-9a-f]{16}$/, '');
}

/**
 * `priced`: the session as pricing prices it now. The flags billing added to the billed CDR
 * (STOP_WITHOUT_START, NO_STOP) describe the session, not its price, so they carry over.
 */
export function correctionOf(billed: CdrIssued, priced: PricedSession, context: CorrectionContext): Correction | null {
  const repriced = withBillingFlags(priced, billingFlagsOf(billed.priced));
  if (JSON.stringify(billed.priced) === JSON.stringify(repriced)) return null;
  const tag = fingerprint(billed.cdrId, repriced);
  const credited = billed.priced;
  const credit: CdrCredited = {
    type: 'CdrCredited', chargePointId: billed.chargePointId, at: context.at, creditId: `${billed.cdrId}-CREDIT-${tag}`,
    creditedCdrId: billed.cdrId, transactionId: billed.transactionId, currency: credited.currency,
    totalExclVatMinor: -credited.totalExclVatMinor, vatMinor: -credited.vatMinor, totalInclVatMinor: -credited.totalInclVatMinor,
    reason: context.reason, requestedBy: context.requestedBy,
  };
  const correction: CdrIssued = {
    ...billed, at: context.at, cdrId: `${rootOf(billed.cdrId)}-C${tag}`, kind: 'Correction', correctsCdrId: billed.cdrId, priced: repriced,
  };
  return { credit, correction };
}
