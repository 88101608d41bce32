// CDRs as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a comma, a
// quote or a line break (quotes doubled). Amounts are decimal strings in the currency's unit.
import type { CdrView } from '@csms/projections/billing/queries.ts';
import { formatMinor } from '@csms/contracts';

type Column = readonly [header: string, value: (cdr: CdrView) => string | number | null];

const COLUMNS: readonly Column[] = [
  ['cdr_id', (c) => c.cdrId],
  ['kind', (c) => c.kind],
  ['corrects_cdr_id', (c) => c.correctsCdrId],
  ['credited_by', (c) => c.creditedBy],
  ['charge_point_id', (c) => c.chargePointId],
  ['transaction_id', (c) => c.transactionId],
  ['station_transaction_id', (c) => c.stationTransactionId],
  ['connector_id', (c) => c.connectorId],
  ['id_tag', (c) => c.idTag],
  ['id_token_type', (c) => c.idTokenType],
  ['group_id_token', (c) => c.groupIdToken],
  ['tariff_id', (c) => c.tariffId],
  ['tariff_versions', (c) => c.tariffVersions.map((v) => `${v.id}:${v.version}`).join(' ')],
  ['started_at', (c) => c.startedAt],
  ['stopped_at', (c) => c.stoppedAt],
  ['energy_wh', (c) => c.energyWh],
  ['charging_seconds', (c) => c.chargingSeconds],
  ['idle_seconds', (c) => c.idleSeconds],
  ['currency', (c) => c.currency],
  ['total_excl_vat', (c) => formatMinor(c.totalExclVatMinor, c.currency)],
  ['vat', (c) => formatMinor(c.vatMinor, c.currency)],
  ['total_incl_vat', (c) => formatMinor(c.totalInclVatMinor, c.currency)],
  ['flags', (c) => c.flags.join(' ')],
  ['issued_at', (c) => c.issuedAt],
];

/** Columns whose text comes from stations or callers: a leading = + - @ would run as a spreadsheet formula (CWE-1236). */
const FREE_TEXT = new Set(['id_tag', 'group_id_token', 'station_transaction_id', 'charge_point_id', 'tariff_id', 'tariff_versions']);

export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function cdrCsv(cdrs: readonly CdrView[]): string {
  const header = COLUMNS.map(([name]) => name).join(',');
  const rows = cdrs.map((cdr) => COLUMNS.map(([name, value]) => {
    const raw = value(cdr);
    return csvField(typeof raw === 'string' && FREE_TEXT.has(name) ? defused(raw) : raw);
  }).join(','));
  return [header, ...rows].map((line) => `${line}\r\n`).join('');
}
