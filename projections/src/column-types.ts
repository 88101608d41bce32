// The SQL types of the tables' columns, as PostgreSQL names them (format_type), for writes that
// must name them: a multi-row upsert sent as arrays casts each array to its column's type
// (held-writes.ts). Without the type modifier (varchar, not varchar(20)): an explicit cast to
// varchar(20) would cut a longer text where the INSERT's own assignment refuses it, as it does a
// parameter. Read from the catalog once per connection and table, through the
// connection's search_path, so a rebuild's shadow tables are the ones looked up.
import type { Db } from './db.ts';

/** Per table, its columns' types. */
export type ColumnTypes = ReadonlyMap<string, ReadonlyMap<string, string>>;

const known = new WeakMap<Db, Map<string, ReadonlyMap<string, string>>>();

/** The types of every column of each table; a table that does not exist has none. */
export async function columnTypesOf(db: Db, tables: Iterable<string>): Promise<ColumnTypes> {
  let cache = known.get(db);
  if (cache === undefined) {
    cache = new Map();
    known.set(db, cache);
  }
  const missing = [...new Set(tables)].filter((table) => !cache.has(table));
  if (missing.length > 0) {
    const { rows } = await db.query<{ name: string; column: string; type: string }>(
      `SELECT t.name, a.attname AS column, format_type(a.atttypid, NULL) AS type
         FROM unnest($1::text[]) AS t(name)
         JOIN pg_attribute a ON a.attrelid = to_regclass(t.name) AND a.attnum > 0 AND NOT a.attisdropped`,
      [missing],
    );
    for (const table of missing) cache.set(table, new Map(rows.filter((row) => row.name === table).map((row) => [row.column, row.type])));
  }
  return cache;
}
