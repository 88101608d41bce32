// The database helpers against a real PostgreSQL (DATABASE_URL's server): what the services'
// start-up, the integration tests and the rebuild benchmark rely on.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { DatabaseExistsError, createDatabase, databaseUrlOn, dropDatabase } from './databases.ts';

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/csms';
const url = databaseUrlOn(server, `csms_dbtest_${randomBytes(4).toString('hex')}`);

async function query(databaseUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function exists(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    return true;
  } catch (error) {
    // 3D000: invalid_catalog_name, the database does not exist.
    if ((error as { code?: unknown }).code === '3D000') return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

after(() => dropDatabase(url));

describe('databases on a PostgreSQL server', () => {
  it('creates a database, refuses its name a second time, keeps it as it was when asked to, and drops it with a connection still open', async () => {
    await createDatabase(url, 'refuse');
    assert.equal(await exists(url), true);
    await assert.rejects(createDatabase(url, 'refuse'), (error) => error instanceof DatabaseExistsError && /exists already/.test(error.message));
    await query(url, 'CREATE TABLE kept (n int)');
    await createDatabase(url, 'keep');
    assert.equal((await query(url, 'SELECT count(*)::int AS n FROM kept')).rows[0].n, 0);
    const open = new pg.Client({ connectionString: url });
    await open.connect();
    open.on('error', () => undefined);
    await dropDatabase(url);
    assert.equal(await exists(url), false);
    await open.end().catch(() => undefined);
    // Dropping what is not there is no error: a run's clean-up may follow a failed creation.
    await dropDatabase(url);
  });
});
