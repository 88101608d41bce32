// What queries need from PostgreSQL (a pool, or a client inside a transaction, both satisfy it),
// and what projectors fold records through.
import type pg from 'pg';
import type { Statement } from './upsert.ts';

export interface Db {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * What a projector folds a record through. Its writes may be held and sent later with others,
 * to the same effect as in the order written; a query sends every write held before it, so a
 * projector reads its own.
 */
export interface ProjectionDb extends Db {
  write(...statements: readonly Statement[]): Promise<void>;
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
