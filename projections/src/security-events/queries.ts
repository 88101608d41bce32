// Reads of security_events, shaped for the api, newest first.
import type { SecurityRecord } from '@csms/contracts';
import { toIso, type Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';
import { dateOrUndefined, whereOf, type Where } from '../where.ts';

export type SecurityEventType = SecurityRecord['type'];

export const SECURITY_EVENT_TYPES: readonly SecurityEventType[] = [
  'StationAuthenticationRefused', 'ConnectionReplaced', 'SecurityEventReported',
  'CertificateSigningRequested', 'CertificateIssued', 'CertificateSigningRefused',
];

export interface SecurityEventView {
  /** `<partition>:<offset>` in the security topic: stable across rebuilds, for clients paging a growing list. */
  readonly id: string;
  readonly chargePointId: string;
  readonly type: SecurityEventType;
  readonly at: string;
  readonly eventType: string | null;
  readonly stationTimestamp: string | null;
  readonly techInfo: string | null;
  readonly node: number | null;
  readonly remoteAddress: string | null;
  readonly connectionId: string | null;
  readonly previousConnectionId: string | null;
  readonly previousRemoteAddress: string | null;
  readonly presentedProfile: number | null;
  readonly requiredProfile: number | null;
  readonly reason: string | null;
  readonly detail: string | null;
  readonly requestId: string | null;
  readonly commandId: string | null;
  readonly serialNumber: string | null;
  readonly subject: string | null;
  readonly notAfter: string | null;
}

interface SecurityEventRow {
  source_partition: number; source_offset: number; charge_point_id: string; type: SecurityEventType; at: Date;
  event_type: string | null; station_timestamp: Date | null; tech_info: string | null; node: number | null;
  remote_address: string | null; connection_id: string | null; previous_connection_id: string | null;
  previous_remote_address: string | null; presented_profile: number | null; required_profile: number | null;
  reason: string | null; detail: string | null; request_id: string | null; command_id: string | null;
  serial_number: string | null; subject: string | null; not_after: Date | null;
}

function toView(row: SecurityEventRow): SecurityEventView {
  return {
    id: `${row.source_partition}:${row.source_offset}`, chargePointId: row.charge_point_id, type: row.type,
    at: row.at.toISOString(), eventType: row.event_type, stationTimestamp: toIso(row.station_timestamp), techInfo: row.tech_info,
    node: row.node, remoteAddress: row.remote_address, connectionId: row.connection_id,
    previousConnectionId: row.previous_connection_id, previousRemoteAddress: row.previous_remote_address,
    presentedProfile: row.presented_profile, requiredProfile: row.required_profile, reason: row.reason, detail: row.detail,
    requestId: row.request_id, commandId: row.command_id, serialNumber: row.serial_number, subject: row.subject,
    notAfter: toIso(row.not_after),
  };
}

export interface SecurityEventFilter extends PageRequest {
  readonly chargePointId?: string;
  readonly type?: SecurityEventType;
  /** Inclusive lower bound on `at` (ISO date-time). */
  readonly from?: string;
  /** Exclusive upper bound on `at` (ISO date-time). */
  readonly to?: string;
}

/** The WHERE clause of a filter, with its values numbered from $1 (pure, for tests). */
export function securityEventWhere(filter: SecurityEventFilter): Where {
  return whereOf([
    ['charge_point_id = ?', filter.chargePointId], ['type = ?', filter.type],
    ['at >= ?', dateOrUndefined(filter.from)], ['at < ?', dateOrUndefined(filter.to)],
  ]);
}

export async function listSecurityEvents(db: Db, filter: SecurityEventFilter): Promise<Page<SecurityEventView>> {
  const where = securityEventWhere(filter);
  const n = where.values.length;
  const { rows } = await db.query<SecurityEventRow>(
    `SELECT * FROM security_events ${where.sql}
     ORDER BY at DESC, source_partition DESC, source_offset DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.values, filter.limit, filter.offset],
  );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM security_events ${where.sql}`, where.values);
  return { items: rows.map(toView), total: count.rows[0]?.total ?? 0 };
}
