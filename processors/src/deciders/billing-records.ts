// From a billed session's facts to what the billing topic carries: the usage pricing reads, the
// priced session (or null when the tariff cannot price it), a running cost and a CDR.
import {
  PricingInputError, priceSession, type CdrIssued, type CdrKind, type PricedSession, type SessionCostUpdated, type SessionUsage,
  type Tariff, type TariffVersion,
} from '@csms/contracts';
import type { Lookup } from './context.ts';
import type { OpenSession } from './billing-state.ts';

/** Stable flags billing adds to a CDR's priced flags, beside pricing's own (PricingFlag). */
export type BillingFlag =
  /** A stop for a transaction whose start the CSMS never saw (1.6 StopTransaction for an unknown id): priced from the stop alone. */
  | 'STOP_WITHOUT_START'
  /** No fact of the session for billingStaleSessionHours: priced to its last reading, still open. */
  | 'NO_STOP';

const billingFlags: ReadonlySet<string> = new Set<BillingFlag>(['STOP_WITHOUT_START', 'NO_STOP']);

/** Billing's own flags among a priced session's, in the order they are kept there. */
export function billingFlagsOf(priced: PricedSession): BillingFlag[] {
  return priced.flags.filter((flag): flag is BillingFlag => billingFlags.has(flag));
}

/** The priced session with billing's flags beside pricing's, sorted and each once, as a CDR carries them. */
export function withBillingFlags(priced: PricedSession, flags: readonly BillingFlag[]): PricedSession {
  if (flags.length === 0) return priced;
  return { ...priced, flags: [...new Set([...priced.flags, ...flags])].sort() };
}

/** What a CDR names besides its prices. */
export interface CdrSubject {
  readonly chargePointId: string;
  readonly transactionId: number;
  readonly stationTransactionId: string | null;
  readonly connectorId: number | null;
  readonly idTag: string | null;
  readonly idTokenType: string | null;
  readonly groupIdToken: string | null;
  readonly tariffId: string;
}

/** One CDR per session and kind, so writing it again names the same record. */
export function cdrId(chargePointId: string, transactionId: number, kind: Exclude<CdrKind, 'Correction'>, flag: BillingFlag | null): string {
  const base = `CDR-${chargePointId}-${transactionId}`;
  return kind === 'Final' || flag === 'STOP_WITHOUT_START' ? base : `${base}-${flag ?? 'PROVISIONAL'}`;
}

export function usageOf(session: OpenSession, stop: { readonly stoppedAt: number; readonly meterStopWh: number | null } | null): SessionUsage {
  return {
    startedAt: session.startedAt, stoppedAt: stop?.stoppedAt ?? null, meterStartWh: session.meterStartWh,
    meterStopWh: stop?.meterStopWh ?? null, readings: session.readings, chargingStates: session.chargingStates,
    receivedAt: session.receivedAt,
  };
}

export function versionsOf(tariffs: Lookup<Tariff>, tariffId: string): readonly TariffVersion[] {
  return tariffs.get(tariffId)?.versions ?? [];
}

/**
 * Null when the tariff cannot price the session: its record is missing, it has no versions, or its
 * versions mix currencies (PricingInputError, matched by class and code, never by message).
 * Anything else pricing throws is a bug, and the record goes to the dead letters.
 */
export function priceOrNull(usage: SessionUsage, versions: readonly TariffVersion[], options: { asOf: number; maxClockSkewMs: number }): PricedSession | null {
  if (versions.length === 0) return null;
  try {
    return priceSession(usage, versions, options);
  } catch (error) {
    if (error instanceof PricingInputError) return null;
    throw error;
  }
}

export function cdrIssued(
  subject: CdrSubject, at: number, kind: 'Final' | 'Provisional', priced: PricedSession, flag: BillingFlag | null,
): CdrIssued {
  return {
    type: 'CdrIssued', chargePointId: subject.chargePointId, at, cdrId: cdrId(subject.chargePointId, subject.transactionId, kind, flag),
    kind, correctsCdrId: null, transactionId: subject.transactionId, stationTransactionId: subject.stationTransactionId,
    connectorId: subject.connectorId, idTag: subject.idTag, idTokenType: subject.idTokenType, groupIdToken: subject.groupIdToken,
    tariffId: subject.tariffId, priced: withBillingFlags(priced, flag === null ? [] : [flag]),
  };
}

export function costUpdated(chargePointId: string, at: number, session: OpenSession, asOf: number, priced: PricedSession): SessionCostUpdated {
  return {
    type: 'SessionCostUpdated', chargePointId, at, transactionId: session.transactionId, tariffId: session.tariffId,
    currency: priced.currency, asOf, energyWh: priced.energyWh, chargingSeconds: priced.chargingSeconds, idleSeconds: priced.idleSeconds,
    totalExclVatMinor: priced.totalExclVatMinor, vatMinor: priced.vatMinor, totalInclVatMinor: priced.totalInclVatMinor, flags: priced.flags,
  };
}

export function subjectOf(chargePointId: string, session: OpenSession): CdrSubject {
  const { transactionId, stationTransactionId, connectorId, idTag, idTokenType, groupIdToken, tariffId } = session;
  return { chargePointId, transactionId, stationTransactionId, connectorId, idTag, idTokenType, groupIdToken, tariffId };
}
