// The rows of cdrs, cdr_credits and session_costs as the api sees them (pure).
import type { PricedSession } from '@csms/contracts';
import type { CdrDetailView, CdrKind, CdrView, CreditView, SessionCostView } from './queries.ts';

export interface CdrRow {
  cdr_id: string; kind: CdrKind; corrects_cdr_id: string | null; credited_by: string | null; charge_point_id: string;
  transaction_id: number; station_transaction_id: string | null; connector_id: number | null; id_tag: string | null;
  id_token_type: string | null; group_id_token: string | null; tariff_id: string; currency: string; started_at: Date;
  stopped_at: Date; energy_wh: number; charging_seconds: number; idle_seconds: number; total_excl_vat_minor: number;
  vat_minor: number; total_incl_vat_minor: number; flags: string[]; tariff_versions: { id: string; version: number }[];
  issued_at: Date;
}

export interface CdrDetailRow extends CdrRow { priced: PricedSession }

/** Every column but the priced session, which only a CDR's detail and exports read. */
export const CDR_COLUMNS = [
  'cdr_id', 'kind', 'corrects_cdr_id', 'credited_by', 'charge_point_id', 'transaction_id', 'station_transaction_id',
  'connector_id', 'id_tag', 'id_token_type', 'group_id_token', 'tariff_id', 'currency', 'started_at', 'stopped_at', 'energy_wh',
  'charging_seconds', 'idle_seconds', 'total_excl_vat_minor', 'vat_minor', 'total_incl_vat_minor', 'flags', 'tariff_versions',
  'issued_at',
].join(', ');

export interface CreditRow {
  credit_id: string; credited_cdr_id: string; charge_point_id: string; transaction_id: number; currency: string;
  total_excl_vat_minor: number; vat_minor: number; total_incl_vat_minor: number; reason: string; requested_by: string | null;
  at: Date;
}

export interface SessionCostRow {
  transaction_id: number; charge_point_id: string; tariff_id: string; currency: string; as_of: Date; energy_wh: number;
  charging_seconds: number; idle_seconds: number; total_excl_vat_minor: number; vat_minor: number; total_incl_vat_minor: number;
  flags: string[]; cdr_id: string | null;
}

export function toCdrView(row: CdrRow): CdrView {
  return {
    cdrId: row.cdr_id, kind: row.kind, correctsCdrId: row.corrects_cdr_id, creditedBy: row.credited_by,
    chargePointId: row.charge_point_id, transactionId: row.transaction_id, stationTransactionId: row.station_transaction_id,
    connectorId: row.connector_id, idTag: row.id_tag, idTokenType: row.id_token_type, groupIdToken: row.group_id_token,
    tariffId: row.tariff_id, currency: row.currency, startedAt: row.started_at.toISOString(), stoppedAt: row.stopped_at.toISOString(),
    energyWh: row.energy_wh, chargingSeconds: row.charging_seconds, idleSeconds: row.idle_seconds,
    totalExclVatMinor: row.total_excl_vat_minor, vatMinor: row.vat_minor, totalInclVatMinor: row.total_incl_vat_minor,
    flags: row.flags, tariffVersions: row.tariff_versions, issuedAt: row.issued_at.toISOString(),
  };
}

export function toCdrDetailView(row: CdrDetailRow): CdrDetailView {
  return { ...toCdrView(row), priced: row.priced };
}

export function toCreditView(row: CreditRow): CreditView {
  return {
    creditId: row.credit_id, creditedCdrId: row.credited_cdr_id, chargePointId: row.charge_point_id, transactionId: row.transaction_id,
    currency: row.currency, totalExclVatMinor: row.total_excl_vat_minor, vatMinor: row.vat_minor,
    totalInclVatMinor: row.total_incl_vat_minor, reason: row.reason, requestedBy: row.requested_by, at: row.at.toISOString(),
  };
}

export function toSessionCostView(row: SessionCostRow): SessionCostView {
  return {
    transactionId: row.transaction_id, chargePointId: row.charge_point_id, tariffId: row.tariff_id, currency: row.currency,
    asOf: row.as_of.toISOString(), energyWh: row.energy_wh, chargingSeconds: row.charging_seconds, idleSeconds: row.idle_seconds,
    totalExclVatMinor: row.total_excl_vat_minor, vatMinor: row.vat_minor, totalInclVatMinor: row.total_incl_vat_minor,
    flags: row.flags, cdrId: row.cdr_id,
  };
}
