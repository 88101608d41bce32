// The benchmark's own PostgreSQL database, on the server DATABASE_URL names: it is created empty
// for the run (never one that already exists, so a run cannot empty someone's read models) and
// dropped afterwards unless the run keeps it.
import pg from 'pg';

/** PostgreSQL's identifier limit (NAMEDATALEN - 1). */
const MAX_NAME_LENGTH = 63;

/** The database a topic prefix gets: `rebuildbench-lx2k9.` → `rebuildbench_lx2k9`. */
export function scratchDatabaseName(topicPrefix: string): string {
  return topicPrefix.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/_+$/, '').slice(0, MAX_NAME_LENGTH);
}

/** The URL of database `name` on the server of `serverUrl`, its user, password and parameters kept. */
export function scratchDatabaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

export class ScratchDatabaseError extends Error {
  readonly code = 'SCRATCH_DATABASE_EXISTS';
  readonly retriable = false;
}

/** PostgreSQL's SQLSTATE for CREATE DATABASE of a name that is taken. */
const DUPLICATE_DATABASE = '42P04';

async function onMaintenanceDatabase<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: scratchDatabaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export async function createScratchDatabase(serverUrl: string, name: string): Promise<void> {
  await onMaintenanceDatabase(serverUrl, async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoted(name)}`);
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_DATABASE) {
        throw new ScratchDatabaseError(`database ${name} exists already: choose another --prefix (the bench only drops what it created)`);
      }
      throw error;
    }
  });
}

/** WITH (FORCE) (PostgreSQL 13+) ends the connections a failed run may have left behind. */
export async function dropScratchDatabase(serverUrl: string, name: string): Promise<void> {
  await onMaintenanceDatabase(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`));
}
