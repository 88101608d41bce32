// Reads of the commands table, shaped for the api (payload and response parsed from JSON text).
import { toIso, type Db } from '../db.ts';
import { parseJsonText } from '../json-text.ts';
import type { Page, PageRequest } from '../page.ts';

export type FinalCommandStatus = 'Accepted' | 'Rejected' | 'Failed' | 'TimedOut' | 'NotConnected';
export type CommandStatus = 'Requested' | 'Sent' | FinalCommandStatus;

export const COMMAND_STATUSES: readonly CommandStatus[] = [
  'Requested', 'Sent', 'Accepted', 'Rejected', 'Failed', 'TimedOut', 'NotConnected',
];

export function isFinalStatus(status: CommandStatus): status is FinalCommandStatus {
  return status !== 'Requested' && status !== 'Sent';
}

export interface CommandView {
  readonly id: string;
  readonly chargePointId: string;
  readonly action: string;
  /** The OCPP request payload; null when the Requested step was never seen. */
  readonly payload: unknown;
  readonly timeoutSeconds: number | null;
  readonly status: CommandStatus;
  /** The station's response payload (CALLRESULT), when it answered one. */
  readonly response: unknown;
  readonly errorCode: string | null;
  readonly errorDescription: string | null;
  readonly requestedAt: string | null;
  /** Who asked: key:<id>, sub:<subject> or csms:<component>; null when not recorded. */
  readonly requestedBy: string | null;
  readonly sentAt: string | null;
  readonly completedAt: string | null;
  readonly node: number | null;
  readonly connectionId: string | null;
  readonly messageId: string | null;
}

interface CommandRow {
  id: string; charge_point_id: string; action: string; payload: string | null; timeout_seconds: number | null;
  status: CommandStatus; response: string | null; error_code: string | null; error_description: string | null;
  requested_at: Date | null; requested_by: string | null; sent_at: Date | null; completed_at: Date | null; node: number | null;
  connection_id: string | null; message_id: string | null;
}

function toView(row: CommandRow): CommandView {
  return {
    id: row.id, chargePointId: row.charge_point_id, action: row.action, payload: parseJsonText(row.payload),
    timeoutSeconds: row.timeout_seconds, status: row.status, response: parseJsonText(row.response),
    errorCode: row.error_code, errorDescription: row.error_description, requestedAt: toIso(row.requested_at),
    requestedBy: row.requested_by, sentAt: toIso(row.sent_at), completedAt: toIso(row.completed_at), node: row.node,
    connectionId: row.connection_id, messageId: row.message_id,
  };
}

export async function findCommand(db: Db, id: string): Promise<CommandView | undefined> {
  const { rows } = await db.query<CommandRow>('SELECT * FROM commands WHERE id = $1', [id]);
  return rows[0] === undefined ? undefined : toView(rows[0]);
}

export interface CommandFilter extends PageRequest {
  readonly chargePointId: string;
  readonly status?: CommandStatus;
}

/** A charge point's commands, newest first. */
export async function listCommands(db: Db, filter: CommandFilter): Promise<Page<CommandView>> {
  const values: unknown[] = [filter.chargePointId];
  if (filter.status !== undefined) values.push(filter.status);
  const where = `WHERE charge_point_id = $1${filter.status === undefined ? '' : ' AND status = $2'}`;
  const n = values.length;
  const { rows } = await db.query<CommandRow>(
    `SELECT * FROM commands ${where} ORDER BY requested_at DESC NULLS LAST, sent_at DESC NULLS LAST, id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...values, filter.limit, filter.offset],
  );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM commands ${where}`, values);
  return { items: rows.map(toView), total: count.rows[0]?.total ?? 0 };
}
