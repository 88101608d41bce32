// Reads of cdrs, cdr_credits and session_costs, shaped for the api. Money is integers in the
// currency's minor unit; instants are ISO strings.
import type { PricedSession } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';
import { dateOrUndefined, whereOf, type Where } from '../where.ts';

export type CdrKind = 'Final' | 'Provisional' | 'Correction';
export interface CdrView {
  cdrId: string; kind: CdrKind; correctsCdrId: string | null;
  /** The CdrCredited creditId that cancelled this CDR (a re-rating replaced it); null while it stands. */
  creditedBy: string | null;
  chargePointId: string; transactionId: number; stationTransactionId: string | null; connectorId: number | null;
  idTag: string | null; idTokenType: string | null; groupIdToken: string | null; tariffId: string; currency: string;
  startedAt: string; stoppedAt: string; energyWh: number; chargingSeconds: number; idleSeconds: number;
  totalExclVatMinor: number; vatMinor: number; totalInclVatMinor: number; flags: string[];
  tariffVersions: { id: string; version: number }[]; issuedAt: string;
}
export interface CdrDetailView extends CdrView { priced: PricedSession }
export interface CdrFilter extends PageRequest {
  chargePointId?: string; idTag?: string; groupIdToken?: string; tariffId?: string; kind?: CdrKind;
  /** stoppedAt in [from, to) (ISO date-time) */ from?: string; to?: string;
  /** true: only what is billed (Final or Correction, not credited); false: only the rest */ billable?: boolean;
}
export interface CreditView { creditId: string; creditedCdrId: string; chargePointId: string; transactionId: number;
  currency: string; totalExclVatMinor: number; vatMinor: number; totalInclVatMinor: number; reason: string;
  requestedBy: string | null; at: string }
export interface SessionCostView { transactionId: number; chargePointId: string; tariffId: string; currency: string;
  asOf: string; energyWh: number; chargingSeconds: number; idleSeconds: number; totalExclVatMinor: number;
  vatMinor: number; totalInclVatMinor: number; flags: string[];
  /** The session's billable CDR, once issued: then the cost is final. */ cdrId: string | null }
export interface StatementTotals { currency: string; sessions: number; energyWh: number; totalExclVatMinor: number; vatMinor: number; totalInclVatMinor: number }
export interface StatementView {
  idTag: string | null; groupIdToken: string | null; month: string;
  /**
   * The month's billable CDRs, oldest stoppedAt first, at most STATEMENT_MAX_CDRS (1000) of them:
   * the totals always cover every one, so fewer CDRs than the totals' sessions means the list was cut.
   */
  cdrs: CdrView[];
  totals: StatementTotals[];
}

/** The most CDRs a statement lists (its totals count them all). */
export const STATEMENT_MAX_CDRS = 1000;

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
const CDR_COLUMNS = [
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

interface StatementTotalsRow {
  currency: string; sessions: number; energy_wh: number; total_excl_vat_minor: number; vat_minor: number; total_incl_vat_minor: number;
}

function toStatementTotals(row: StatementTotalsRow): StatementTotals {
  return {
    currency: row.currency, sessions: row.sessions, energyWh: row.energy_wh, totalExclVatMinor: row.total_excl_vat_minor,
    vatMinor: row.vat_minor, totalInclVatMinor: row.total_incl_vat_minor,
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

// A monthly statement: the UTC month as a stoppedAt period, its CDRs and their totals per currency.
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "YYYY-MM" as [from, to) in UTC; the api validates the format, so another one is a caller's bug. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const match = MONTH.exec(month);
  if (match === null) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { from: new Date(Date.UTC(year, index, 1)), to: new Date(Date.UTC(year, index + 1, 1)) };
}

/** What is billed: a Final or a Correction that no credit cancelled (a Provisional awaits review). */
function billable(table = ''): string {
  return `(${table}kind IN ('Final', 'Correction') AND ${table}credited_by IS NULL)`;
}

/** The WHERE clause of a CDR filter, with its values numbered from $1 (pure, for tests). */
export function cdrWhere(filter: Omit<CdrFilter, 'limit' | 'offset'>): Where {
  return whereOf([
    ['charge_point_id = ?', filter.chargePointId], ['id_tag = ?', filter.idTag], ['group_id_token = ?', filter.groupIdToken],
    ['tariff_id = ?', filter.tariffId], ['kind = ?', filter.kind],
    ['stopped_at >= ?', dateOrUndefined(filter.from)], ['stopped_at < ?', dateOrUndefined(filter.to)],
    [`${billable()} = ?`, filter.billable],
  ]);
}

/** The WHERE clause of a credit filter on its time `at` (pure, for tests). */
export function creditWhere(filter: { chargePointId?: string; from?: string; to?: string }): Where {
  return whereOf([
    ['charge_point_id = ?', filter.chargePointId], ['at >= ?', dateOrUndefined(filter.from)], ['at < ?', dateOrUndefined(filter.to)],
  ]);
}

/** Newest stoppedAt first. */
export async function listCdrs(db: Db, filter: CdrFilter): Promise<Page<CdrView>> {
  const where = cdrWhere(filter);
  const n = where.values.length;
  const { rows } = await db.query<CdrRow>(
    `SELECT ${CDR_COLUMNS} FROM cdrs ${where.sql} ORDER BY stopped_at DESC, cdr_id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.values, filter.limit, filter.offset],
  );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM cdrs ${where.sql}`, where.values);
  return { items: rows.map(toCdrView), total: count.rows[0]?.total ?? 0 };
}

export async function findCdr(db: Db, cdrId: string): Promise<CdrDetailView | undefined> {
  const { rows } = await db.query<CdrDetailRow>('SELECT * FROM cdrs WHERE cdr_id = $1', [cdrId]);
  return rows[0] === undefined ? undefined : toCdrDetailView(rows[0]);
}

function exportQuery(filter: Omit<CdrFilter, 'limit' | 'offset'>, max: number, columns: string): { text: string; values: unknown[] } {
  const where = cdrWhere(filter);
  return {
    text: `SELECT ${columns} FROM cdrs ${where.sql} ORDER BY stopped_at, cdr_id LIMIT $${where.values.length + 1}`,
    values: [...where.values, max],
  };
}

/** For OCPI exports: every CDR matching with its priced session (no paging), oldest first, at most `max` (the caller refuses bigger periods). */
export async function cdrsForExport(db: Db, filter: Omit<CdrFilter, 'limit' | 'offset'>, max: number): Promise<CdrDetailView[]> {
  const { text, values } = exportQuery(filter, max, '*');
  return (await db.query<CdrDetailRow>(text, values)).rows.map(toCdrDetailView);
}

/** For CSV exports: the same CDRs as cdrsForExport, without the priced session's JSON, which a CSV never shows. */
export async function cdrRowsForExport(db: Db, filter: Omit<CdrFilter, 'limit' | 'offset'>, max: number): Promise<CdrView[]> {
  const { text, values } = exportQuery(filter, max, CDR_COLUMNS);
  return (await db.query<CdrRow>(text, values)).rows.map(toCdrView);
}

/** Newest first. */
export async function listCredits(
  db: Db, filter: { chargePointId?: string; from?: string; to?: string } & PageRequest,
): Promise<Page<CreditView>> {
  const where = creditWhere(filter);
  const n = where.values.length;
  const { rows } = await db.query<CreditRow>(
    `SELECT * FROM cdr_credits ${where.sql} ORDER BY at DESC, credit_id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.values, filter.limit, filter.offset],
  );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM cdr_credits ${where.sql}`, where.values);
  return { items: rows.map(toCreditView), total: count.rows[0]?.total ?? 0 };
}

export async function findSessionCost(db: Db, transactionId: number): Promise<SessionCostView | undefined> {
  const { rows } = await db.query<SessionCostRow>(
    `SELECT s.*, (SELECT c.cdr_id FROM cdrs c WHERE c.transaction_id = s.transaction_id AND c.charge_point_id = s.charge_point_id
                  AND ${billable('c.')}
                  ORDER BY c.issued_at DESC, c.cdr_id DESC LIMIT 1) AS cdr_id
     FROM session_costs s WHERE s.transaction_id = $1`,
    [transactionId],
  );
  return rows[0] === undefined ? undefined : toSessionCostView(rows[0]);
}

/**
 * The billable CDRs (Final or Correction, not credited) of an id tag or a group whose stoppedAt falls in the UTC month "YYYY-MM".
 * Both given: the CDRs of that id tag within that group. Neither: nothing (a statement is somebody's).
 * The list stops at STATEMENT_MAX_CDRS; the totals are summed in SQL over all of them.
 */
export async function statementOf(db: Db, filter: { idTag?: string; groupIdToken?: string; month: string }): Promise<StatementView> {
  const { from, to } = monthBounds(filter.month);
  const head = { idTag: filter.idTag ?? null, groupIdToken: filter.groupIdToken ?? null, month: filter.month };
  if (filter.idTag === undefined && filter.groupIdToken === undefined) return { ...head, cdrs: [], totals: [] };
  const where = cdrWhere({ idTag: filter.idTag, groupIdToken: filter.groupIdToken, from: from.toISOString(), to: to.toISOString(), billable: true });
  const { rows } = await db.query<CdrRow>(
    `SELECT ${CDR_COLUMNS} FROM cdrs ${where.sql} ORDER BY stopped_at, cdr_id LIMIT $${where.values.length + 1}`,
    [...where.values, STATEMENT_MAX_CDRS],
  );
  // One line per currency, in currency order: money of different currencies never adds up.
  const totals = await db.query<StatementTotalsRow>(
    `SELECT currency, count(*)::int AS sessions, sum(energy_wh)::bigint AS energy_wh,
            sum(total_excl_vat_minor)::bigint AS total_excl_vat_minor, sum(vat_minor)::bigint AS vat_minor,
            sum(total_incl_vat_minor)::bigint AS total_incl_vat_minor
     FROM cdrs ${where.sql} GROUP BY currency ORDER BY currency COLLATE "C"`,
    where.values,
  );
  return { ...head, cdrs: rows.map(toCdrView), totals: totals.rows.map(toStatementTotals) };
}
