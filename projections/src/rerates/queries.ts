// Reads of rerates, shaped for the api: instants as ISO strings, money in minor units.
import type { RerateSession } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';

export type RerateStatus = 'Requested' | 'Completed' | 'Failed';
export interface RerateView {
  rerateId: string; tariffId: string; from: string; to: string; dryRun: boolean; reason: string; requestedBy: string | null;
  requestedAt: string; status: RerateStatus; error: string | null;
  /** What it found for each session it touched; null until it ran. */
  sessions: RerateSession[] | null;
}

interface RerateRow {
  rerate_id: string; tariff_id: string; period_from: Date; period_to: Date; dry_run: boolean; reason: string; requested_by: string | null;
  requested_at: Date; status: RerateStatus; error: string | null; sessions: RerateSession[] | null;
}

function toRerateView(row: RerateRow): RerateView {
  return {
    rerateId: row.rerate_id, tariffId: row.tariff_id, from: row.period_from.toISOString(), to: row.period_to.toISOString(),
    dryRun: row.dry_run, reason: row.reason, requestedBy: row.requested_by, requestedAt: row.requested_at.toISOString(),
    status: row.status, error: row.error, sessions: row.sessions,
  };
}

/** Newest request first; the list leaves out the sessions, which one re-rating's detail shows. */
export async function listRerates(db: Db, page: PageRequest): Promise<Page<RerateView>> {
  const { rows } = await db.query<RerateRow>(
    'SELECT rerate_id, tariff_id, period_from, period_to, dry_run, reason, requested_by, requested_at, status, error, NULL AS sessions FROM rerates ORDER BY requested_at DESC, rerate_id DESC LIMIT $1 OFFSET $2',
    [page.limit, page.offset],
  );
  const count = await db.query<{ total: number }>('SELECT count(*)::int AS total FROM rerates');
  return { items: rows.map(toRerateView), total: count.rows[0]?.total ?? 0 };
}

export async function findRerate(db: Db, rerateId: string): Promise<RerateView | undefined> {
  const { rows } = await db.query<RerateRow>('SELECT * FROM rerates WHERE rerate_id = $1', [rerateId]);
  return rows[0] === undefined ? undefined : toRerateView(rows[0]);
}
