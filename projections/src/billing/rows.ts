// Row mapping from csms.billing records to cdrs, cdr_credits and session_costs (pure).
import type { CdrCredited, CdrIssued, SessionCostUpdated } from '@csms/contracts';
import { toDate } from '../db.ts';
import { jsonb } from '../jsonb.ts';
import type { Row } from '../upsert.ts';

/** Every column but credited_by, which the credit that cancels the CDR sets (a CDR folded again keeps it). */
export function cdrRow(event: CdrIssued): Row {
  const { priced } = event;
  return {
    cdr_id: event.cdrId,
    kind: event.kind,
    corrects_cdr_id: event.correctsCdrId,
    charge_point_id: event.chargePointId,
    transaction_id: event.transactionId,
    station_transaction_id: event.stationTransactionId,
    connector_id: event.connectorId,
    id_tag: event.idTag,
    id_token_type: event.idTokenType,
    group_id_token: event.groupIdToken,
    tariff_id: event.tariffId,
    currency: priced.currency,
    started_at: toDate(priced.startedAt),
    stopped_at: toDate(priced.stoppedAt),
    energy_wh: priced.energyWh,
    charging_seconds: priced.chargingSeconds,
    idle_seconds: priced.idleSeconds,
    total_excl_vat_minor: priced.totalExclVatMinor,
    vat_minor: priced.vatMinor,
    total_incl_vat_minor: priced.totalInclVatMinor,
    flags: [...priced.flags],
    tariff_versions: jsonb(priced.tariffVersions),
    priced: jsonb(priced),
    issued_at: toDate(event.at),
  };
}

export function creditRow(event: CdrCredited): Row {
  return {
    credit_id: event.creditId,
    credited_cdr_id: event.creditedCdrId,
    charge_point_id: event.chargePointId,
    transaction_id: event.transactionId,
    currency: event.currency,
    total_excl_vat_minor: event.totalExclVatMinor,
    vat_minor: event.vatMinor,
    total_incl_vat_minor: event.totalInclVatMinor,
    reason: event.reason,
    requested_by: event.requestedBy,
    at: toDate(event.at),
  };
}

type Cost = Pick<
  SessionCostUpdated,
  'currency' | 'asOf' | 'energyWh' | 'chargingSeconds' | 'idleSeconds' | 'totalExclVatMinor' | 'vatMinor' | 'totalInclVatMinor' | 'flags'
>;

function costRow(session: { readonly transactionId: number; readonly chargePointId: string; readonly tariffId: string; readonly at: number }, cost: Cost): Row {
  return {
    transaction_id: session.transactionId,
    charge_point_id: session.chargePointId,
    tariff_id: session.tariffId,
    currency: cost.currency,
    as_of: toDate(cost.asOf),
    energy_wh: cost.energyWh,
    charging_seconds: cost.chargingSeconds,
    idle_seconds: cost.idleSeconds,
    total_excl_vat_minor: cost.totalExclVatMinor,
    vat_minor: cost.vatMinor,
    total_incl_vat_minor: cost.totalInclVatMinor,
    flags: [...cost.flags],
    updated_at: toDate(session.at),
  };
}

export function sessionCostRow(event: SessionCostUpdated): Row {
  return costRow(event, event);
}

/** A billable CDR is the session's cost from then on: what it was priced at, to its stop. */
export function cdrCostRow(event: CdrIssued): Row {
  return costRow(event, { ...event.priced, asOf: event.priced.stoppedAt });
}
