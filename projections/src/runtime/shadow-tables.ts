// A rebuild writes into shadow tables and swaps them in when done, so that it can commit batch by
// batch while readers keep the old rows. One transaction holding the whole replay instead keeps
// every version of a row it updates until it commits, and an upsert slows as they pile up
// (README, Benchmark). A shadow table is a copy of the live table's definition in the schema
// below, with its unique indexes (upserts need them to find a row's conflict) and none of the
// others, which are built once the rows are in. A shadow table is UNLOGGED while the rows go in:
// no write-ahead log for every version of a row, and a batch's commit waits for no disk flush.
// Nothing is lost by it: a rebuild that dies starts again from the first offset (a crash of the
// server empties unlogged tables), and the table is made LOGGED, in one pass, before the swap.
// The swap drops the live table and moves the shadow one into its place, names of indexes and
// constraints unchanged; a query that waited on the swap then reads the new table. The caller
// holds the projections' locks throughout.
import { escapeIdentifier } from 'pg';
import type { Db } from '../db.ts';
import type { Projection } from '../projection.ts';

export const SHADOW_SCHEMA = 'csms_rebuild';

/** A table's name quoted for SQL, in the schema given. */
function qualified(schema: string, table: string): string {
  return `${escapeIdentifier(schema)}.${escapeIdentifier(table)}`;
}

/** The schema the live tables are found in: the first of the connection's search path. */
export async function liveSchema(db: Db): Promise<string> {
  const { rows } = await db.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('no schema on the search path holds the read models');
  return schema;
}

interface IndexDefinition {
  readonly name: string;
  readonly unique: boolean;
  /** PRIMARY KEY or UNIQUE when a constraint owns the index. */
  readonly constraint: string | null;
  /** Its CREATE INDEX statement, retargeted at the shadow table. */
  readonly create: string;
}

/** The live table's indexes, their definitions pointed at the shadow table of the same name. */
async function indexesOf(db: Db, schema: string, table: string): Promise<IndexDefinition[]> {
  const { rows } = await db.query<{ name: string; unique: boolean; constraint: string | null; definition: string; prefix: string }>(
    `SELECT i.relname AS name, x.indisunique AS unique, pg_get_indexdef(x.indexrelid) AS definition,
            CASE c.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE' END AS constraint,
            'CREATE ' || CASE WHEN x.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(i.relname)
              || ' ON ' || quote_ident($1) || '.' || quote_ident($2) || ' ' AS prefix
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.contype IN ('p', 'u')
      WHERE x.indrelid = (quote_ident($1) || '.' || quote_ident($2))::regclass
      ORDER BY i.relname`,
    [schema, table],
  );
  return rows.map((row) => {
    // pg_get_indexdef always names the table with its schema; anything else is not what we read.
    if (!row.definition.startsWith(row.prefix)) throw new Error(`unexpected index definition: ${row.definition}`);
    const create = `CREATE ${row.unique ? 'UNIQUE ' : ''}INDEX ${escapeIdentifier(row.name)} ON ${qualified(SHADOW_SCHEMA, table)} `
      + row.definition.slice(row.prefix.length);
    return { name: row.name, unique: row.unique, constraint: row.constraint, create };
  });
}

/**
 * Empty shadow tables for the projections, and shadow offsets to go with them (the replay's
 * batches write offsets as live ones do). Within the caller's transaction; any shadow left by a
 * rebuild that died is replaced.
 */
export async function createShadowTables(db: Db, schema: string, projections: readonly Projection[]): Promise<void> {
  // Two rebuilds side by side would otherwise race to create the schema and its offsets table.
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('csms-rebuild-schema'))`);
  await db.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(SHADOW_SCHEMA)}`);
  await db.query(`CREATE UNLOGGED TABLE IF NOT EXISTS ${qualified(SHADOW_SCHEMA, 'projection_offsets')}
    (LIKE ${qualified(schema, 'projection_offsets')} INCLUDING ALL)`);
  await db.query(`DELETE FROM ${qualified(SHADOW_SCHEMA, 'projection_offsets')} WHERE projection = ANY($1::text[])`,
    [projections.map((p) => p.name)]);
  for (const table of projections.flatMap((p) => p.tables)) {
    await db.query(`DROP TABLE IF EXISTS ${qualified(SHADOW_SCHEMA, table)}`);
    await db.query(`CREATE UNLOGGED TABLE ${qualified(SHADOW_SCHEMA, table)} (LIKE ${qualified(schema, table)} INCLUDING ALL EXCLUDING INDEXES)`);
    for (const index of await indexesOf(db, schema, table)) {
      if (!index.unique) continue;
      await db.query(index.create);
      if (index.constraint !== null) {
        await db.query(`ALTER TABLE ${qualified(SHADOW_SCHEMA, table)} ADD CONSTRAINT ${escapeIdentifier(index.name)} ${index.constraint} USING INDEX ${escapeIdentifier(index.name)}`);
      }
    }
  }
}

/**
 * Sets where unqualified names are found: the shadow schema alone sends a projection's writes to
 * its shadow tables, and a table it does not list as its own is not found instead of reaching a
 * live one: an error of the service, never set aside as the record's (infra errors/transient.ts).
 */
export function searchPath(schema: string): string {
  return `SET search_path TO ${escapeIdentifier(schema)}`;
}

/**
 * Made LOGGED (one pass writing the table and its unique indexes to the log), then the indexes
 * left out while the rows went in, then fresh statistics for the planner.
 */
export async function completeShadowTables(db: Db, schema: string, projections: readonly Projection[]): Promise<void> {
  for (const table of projections.flatMap((p) => p.tables)) {
    await db.query(`ALTER TABLE ${qualified(SHADOW_SCHEMA, table)} SET LOGGED`);
    for (const index of await indexesOf(db, schema, table)) if (!index.unique) await db.query(index.create);
    await db.query(`ANALYZE ${qualified(SHADOW_SCHEMA, table)}`);
  }
}

/**
 * A table's definition as one text: columns with their types, nullability and defaults,
 * constraints and indexes, by name, the schema left out. A constraint added NOT VALID to the live
 * table is valid on its shadow, which was empty when it got it: the same constraint.
 */
async function definitionOf(db: Db, schema: string, table: string): Promise<string> {
  const { rows } = await db.query<{ definition: string }>(
    `WITH t AS (SELECT (quote_ident($1) || '.' || quote_ident($2))::regclass AS oid)
     SELECT concat_ws(E'\n',
       (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                          || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum)
          FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = (SELECT oid FROM t) AND a.attnum > 0 AND NOT a.attisdropped),
       (SELECT string_agg(conname || ' ' || regexp_replace(pg_get_constraintdef(oid), ' NOT VALID$', ''), ', ' ORDER BY conname)
          FROM pg_constraint WHERE conrelid = (SELECT oid FROM t)),
       (SELECT string_agg(replace(indexdef, ' ON ' || quote_ident($1) || '.', ' ON '), ', ' ORDER BY indexname)
          FROM pg_indexes WHERE schemaname = $1 AND tablename = $2)) AS definition`,
    [schema, table],
  );
  return rows[0]?.definition ?? '';
}

/**
 * Replaces the live tables with the shadow ones, within the caller's transaction. Waits for
 * readers of the live tables up to the lock timeout, the caller's to set: meanwhile new readers
 * queue behind the swap.
 */
export async function swapInShadowTables(db: Db, schema: string, projections: readonly Projection[]): Promise<void> {
  const tables = projections.flatMap((p) => p.tables);
  if (tables.length === 0) return;
  await db.query(`LOCK TABLE ${tables.map((table) => qualified(schema, table)).join(', ')} IN ACCESS EXCLUSIVE MODE`);
  for (const table of tables) {
    // A migration run meanwhile changed the live table: swapping would undo it.
    if (await definitionOf(db, schema, table) !== await definitionOf(db, SHADOW_SCHEMA, table)) {
      throw new Error(`${table} changed during the rebuild (a migration?): its rows are left as they were; rebuild again`);
    }
    await db.query(`DROP TABLE ${qualified(schema, table)}`);
    await db.query(`ALTER TABLE ${qualified(SHADOW_SCHEMA, table)} SET SCHEMA ${escapeIdentifier(schema)}`);
  }
  await db.query(`DELETE FROM ${qualified(SHADOW_SCHEMA, 'projection_offsets')} WHERE projection = ANY($1::text[])`,
    [projections.map((p) => p.name)]);
}

/** What a failed rebuild leaves behind, so that it holds no disk. */
export async function dropShadowTables(db: Db, projections: readonly Projection[]): Promise<void> {
  for (const table of projections.flatMap((p) => p.tables)) await db.query(`DROP TABLE IF EXISTS ${qualified(SHADOW_SCHEMA, table)}`);
}
