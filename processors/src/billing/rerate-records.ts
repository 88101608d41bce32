// What a planned re-rating writes: each corrected session's credit and Correction on
// csms.billing (keyed by station, as every billing record), and one RerateCompleted saying what
// it found for every session it touched. A dry run writes the RerateCompleted alone.
import type { BillingEvent, RerateCompleted, RerateRequested, RerateSession } from '@csms/contracts';
import type { RerateOutcome } from './rerate-plan.ts';

function sessionOf(outcome: RerateOutcome): RerateSession {
  const { billed } = outcome;
  const corrected = outcome.status === 'corrected' ? outcome.correction : null;
  return {
    chargePointId: billed.chargePointId, transactionId: billed.transactionId, billedCdrId: billed.cdrId, status: outcome.status,
    currency: billed.priced.currency, billedTotalInclVatMinor: billed.priced.totalInclVatMinor,
    newTotalInclVatMinor: outcome.status === 'unpriceable' ? null : (corrected?.correction.priced.totalInclVatMinor ?? billed.priced.totalInclVatMinor),
    creditId: corrected?.credit.creditId ?? null, correctionCdrId: corrected?.correction.cdrId ?? null,
  };
}

export function rerateCompleted(requested: RerateRequested, outcomes: readonly RerateOutcome[], error: string | null): RerateCompleted {
  const { rerateId, at, tariffId, from, to, dryRun, reason, requestedBy } = requested;
  return { type: 'RerateCompleted', rerateId, at, tariffId, from, to, dryRun, reason, requestedBy, error, sessions: outcomes.map(sessionOf) };
}

/** The credit before its Correction: a reader summing the topic never sees the session billed twice. */
export function billingRecordsOf(requested: RerateRequested, outcomes: readonly RerateOutcome[]): BillingEvent[] {
  if (requested.dryRun) return [];
  return outcomes.flatMap((outcome) => (outcome.status === 'corrected' ? [outcome.correction.credit, outcome.correction.correction] : []));
}
