// The benchmark's own PostgreSQL database, on the server DATABASE_URL names, is named after the
// run's topic prefix: a run's topics and database go together, and --keep leaves both to find.
// It is created for the run (never one that exists, so a run cannot empty someone's read models)
// and dropped afterwards unless kept (../databases.ts).

/** PostgreSQL's identifier limit (NAMEDATALEN - 1). */
const MAX_NAME_LENGTH = 63;

/** The database a topic prefix gets: `rebuildbench-lx2k9.` → `rebuildbench_lx2k9`. */
export function scratchDatabaseName(topicPrefix: string): string {
  return topicPrefix.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/_+$/, '').slice(0, MAX_NAME_LENGTH);
}
