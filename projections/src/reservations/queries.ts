// Reads of reservations, shaped for the api.
import { toIso, type Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';

export type ReservationStatus = 'Active' | 'Cancelled' | 'Used' | 'Expired';

export interface ReservationView {
  readonly chargePointId: string;
  readonly reservationId: number;
  readonly connectorId: number | null;
  readonly idTag: string | null;
  readonly parentIdTag: string | null;
  readonly expiryDate: string | null;
  readonly status: ReservationStatus;
  readonly madeAt: string | null;
  readonly endedAt: string | null;
  readonly transactionId: number | null;
}

interface ReservationRow {
  charge_point_id: string; reservation_id: number; connector_id: number | null; id_tag: string | null;
  parent_id_tag: string | null; expiry_date: Date | null; status: ReservationStatus; made_at: Date | null;
  ended_at: Date | null; transaction_id: number | null;
}

function toView(row: ReservationRow): ReservationView {
  return {
    chargePointId: row.charge_point_id, reservationId: row.reservation_id, connectorId: row.connector_id,
    idTag: row.id_tag, parentIdTag: row.parent_id_tag, expiryDate: toIso(row.expiry_date), status: row.status,
    madeAt: toIso(row.made_at), endedAt: toIso(row.ended_at), transactionId: row.transaction_id,
  };
}

export interface ReservationFilter extends PageRequest {
  readonly chargePointId?: string;
  /** active: not ended yet (per the events; an expiry no record has passed yet is still active). */
  readonly status?: 'active' | 'ended';
}

/** The WHERE clause of a filter, with its values numbered from $1 (pure, for tests). */
export function reservationWhere(filter: ReservationFilter): { sql: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (filter.chargePointId !== undefined) {
    values.push(filter.chargePointId);
    conditions.push(`charge_point_id = $${values.length}`);
  }
  if (filter.status === 'active') conditions.push(`status = 'Active'`);
  if (filter.status === 'ended') conditions.push(`status <> 'Active'`);
  return { sql: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, values };
}

/** Newest first. */
export async function listReservations(db: Db, filter: ReservationFilter): Promise<Page<ReservationView>> {
  const where = reservationWhere(filter);
  const n = where.values.length;
  const { rows } = await db.query<ReservationRow>(
    `SELECT * FROM reservations ${where.sql}
     ORDER BY made_at DESC NULLS LAST, charge_point_id, reservation_id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.values, filter.limit, filter.offset],
  );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM reservations ${where.sql}`, where.values);
  return { items: rows.map(toView), total: count.rows[0]?.total ?? 0 };
}
