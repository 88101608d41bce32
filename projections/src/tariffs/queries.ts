// Reads of tariffs and tariff_assignments, shaped for the api.
import type { TariffVersion } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';
import { whereOf, type Where } from '../where.ts';

export interface TariffView { id: string; name: string | null; currency: string; currentVersion: number;
  versions: TariffVersion[]; updatedAt: string; updatedBy: string | null }

export type TariffScope = 'Default' | 'Station' | 'Evse' | 'IdTokenGroup';

export interface TariffAssignmentView { key: string; scope: TariffScope; chargePointId: string | null; evseId: number | null;
  groupIdToken: string | null; tariffId: string; updatedAt: string; updatedBy: string | null }

export interface TariffRow {
  id: string; name: string | null; currency: string | null; current_version: number | null; versions: TariffVersion[];
  updated_at: Date; updated_by: string | null;
}

export interface TariffAssignmentRow {
  key: string; scope: TariffScope; charge_point_id: string | null; evse_id: number | null; group_id_token: string | null;
  tariff_id: string; updated_at: Date; updated_by: string | null;
}

/** A tariff record without versions (never written by the api) shows no currency and version 0. */
export function toTariffView(row: TariffRow): TariffView {
  return {
    id: row.id, name: row.name, currency: row.currency ?? '', currentVersion: row.current_version ?? 0, versions: row.versions,
    updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by,
  };
}

export function toAssignmentView(row: TariffAssignmentRow): TariffAssignmentView {
  return {
    key: row.key, scope: row.scope, chargePointId: row.charge_point_id, evseId: row.evse_id, groupIdToken: row.group_id_token,
    tariffId: row.tariff_id, updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by,
  };
}


export async function listTariffs(db: Db, page: PageRequest): Promise<Page<TariffView>> {
  const { rows } = await db.query<TariffRow>('SELECT * FROM tariffs ORDER BY id LIMIT $1 OFFSET $2', [page.limit, page.offset]);
  const count = await db.query<{ total: number }>('SELECT count(*)::int AS total FROM tariffs');
  return { items: rows.map(toTariffView), total: count.rows[0]?.total ?? 0 };
}

export async function findTariff(db: Db, id: string): Promise<TariffView | undefined> {
  const { rows } = await db.query<TariffRow>('SELECT * FROM tariffs WHERE id = $1', [id]);
  return rows[0] === undefined ? undefined : toTariffView(rows[0]);
}

/** The WHERE clause of an assignment filter, with its values numbered from $1 (pure, for tests). */
export function assignmentWhere(filter: { tariffId?: string; chargePointId?: string }): Where {
  return whereOf([['tariff_id = ?', filter.tariffId], ['charge_point_id = ?', filter.chargePointId]]);
}

export async function listTariffAssignments(
  db: Db, filter: { tariffId?: string; chargePointId?: string } & PageRequest,
): Promise<Page<TariffAssignmentView>> {
  const where = assignmentWhere(filter);
  const n = where.values.length;
  const { rows } = await db.query<TariffAssignmentRow>(
    `SELECT * FROM tariff_assignments ${where.sql} ORDER BY key LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.values, filter.limit, filter.offset],
  );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM tariff_assignments ${where.sql}`, where.values);
  return { items: rows.map(toAssignmentView), total: count.rows[0]?.total ?? 0 };
}

export async function findTariffAssignment(db: Db, key: string): Promise<TariffAssignmentView | undefined> {
  const { rows } = await db.query<TariffAssignmentRow>('SELECT * FROM tariff_assignments WHERE key = $1', [key]);
  return rows[0] === undefined ? undefined : toAssignmentView(rows[0]);
}
