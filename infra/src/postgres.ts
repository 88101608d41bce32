import pg from 'pg';
import type { Logger } from './logger.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

// BIGINT columns (offsets, Wh, epoch ms) come back as numbers: they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * A pool whose idle connections may be cut (the server restarting, a failover, an operator
 * terminating them): pg reports that as an 'error' event on the pool, which would otherwise
 * crash the process. The broken connection is dropped and the next query opens a fresh one,
 * so it is only logged; queries in flight fail on their own and are retried by their callers.
 */
export function createPool(databaseUrl: string, max = 10, logger?: Pick<Logger, 'warn'>): Pool {
  // UTF8 whatever the role or database says: the projections send values inlined as quoted
  // literals, which some other client encodings (SJIS, GBK, BIG5) could let a byte end early.
  const pool = new pg.Pool({ connectionString: databaseUrl, max, client_encoding: 'UTF8' });
  pool.on('error', (error) => logger?.warn({ err: error }, 'an idle database connection was closed; the next query opens a new one'));
  return pool;
}

/** Runs `work` in one transaction, rolling back on any error. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransactionOn(client, () => work(client));
  } finally {
    client.release();
  }
}

/** The same on a connection the caller holds: one of many transactions of a session, keeping its locks and settings. */
export async function inTransactionOn<T>(client: Pick<PoolClient, 'query'>, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
