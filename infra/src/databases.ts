// Databases on a PostgreSQL server, made and dropped from its maintenance database `postgres`
// (neither CREATE nor DROP DATABASE can run in the database it names). One set for the services'
// start-up (migrate.ts), the integration tests' fresh databases (test-env.ts) and the rebuild
// benchmark's scratch database.
import pg, { escapeIdentifier } from 'pg';

export class DatabaseExistsError extends Error {
  readonly code = 'DATABASE_EXISTS';
  readonly retriable = false;
}

/** PostgreSQL's SQLSTATE for CREATE DATABASE of a name that is taken. */
const DUPLICATE_DATABASE = '42P04';

/**
 * Names this system makes databases under: nothing a URL must escape (pg decodes a URL's
 * database with decodeURI, which leaves %2F and the like as they are) and nothing PostgreSQL
 * would cut short (63 bytes), so the name created is the name connected to.
 */
const PLAIN_NAME = /^[A-Za-z0-9_]{1,63}$/;

/** The URL of database `name` on the server of `url`, its user, password and parameters kept. */
export function databaseUrlOn(url: string, name: string): string {
  if (!PLAIN_NAME.test(name)) throw new Error(`database name ${JSON.stringify(name)}: only letters, digits and _, at most 63`);
  const server = new URL(url);
  server.pathname = `/${name}`;
  return server.toString();
}

/** The database a URL names, read as pg reads it (decodeURI), so that DATABASE_URL's own name may hold any character. */
export function databaseNameOf(url: string): string {
  return decodeURI(new URL(url).pathname.slice(1));
}

async function onMaintenanceDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrlOn(url, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database `url` names. When the name is taken, 'keep' leaves that database be (a
 * service starting on its own database), 'refuse' throws DatabaseExistsError (a scratch database
 * that will be dropped afterwards, so never one that was there before).
 */
export async function createDatabase(url: string, ifExists: 'keep' | 'refuse'): Promise<void> {
  const name = databaseNameOf(url);
  await onMaintenanceDatabase(url, async (client) => {
    if (ifExists === 'keep') {
      // Looked up first: a role without CREATEDB may own a database made for it, and CREATE
      // DATABASE refuses such a role before it looks at the name.
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount !== 0) return;
    }
    try {
      await client.query(`CREATE DATABASE ${escapeIdentifier(name)}`);
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_DATABASE) throw error;
      // Taken since the look-up: another service starting beside this one made it.
      if (ifExists === 'keep') return;
      throw new DatabaseExistsError(`database ${name} exists already`);
    }
  });
}

/** Drops the database `url` names, if there is one; WITH (FORCE) (PostgreSQL 13+) ends the connections a failed run may have left open. */
export async function dropDatabase(url: string): Promise<void> {
  await onMaintenanceDatabase(url, (client) => client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(databaseNameOf(url))} WITH (FORCE)`));
}
