// The one thing projectors and queries need from PostgreSQL: a pool, or a client inside a
// transaction, both satisfy it.
import type pg from 'pg';

export interface Db {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Events carry epoch milliseconds; PostgreSQL stores TIMESTAMPTZ. */
export function toDate(epochMs: number): Date;
export function toDate(epochMs: number | null): Date | null;
export function toDate(epochMs: number | null): Date | null {
  return epochMs === null ? null : new Date(epochMs);
}

export function toIso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
