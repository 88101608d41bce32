// Shadow tables on the real PostgreSQL: swapped in, a read model's tables keep the definition the
// migrations gave them (columns, constraints, index names and definitions), every table of the
// read models belongs to exactly one projection, a query that waited on the swap reads the new
// rows, and a swap over a table a migration changed meanwhile is refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { inTransactionOn } from '@csms/infra';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import type { Projection } from '../projection.ts';
import { projections } from './registry.ts';
import { completeShadowTables, createShadowTables, dropShadowTables, liveSchema, SHADOW_SCHEMA, swapInShadowTables } from './shadow-tables.ts';

let env: TestEnvironment;
const clients: pg.Client[] = [];

async function connect(): Promise<pg.Client> {
  const client = new pg.Client(env.databaseUrl);
  await client.connect();
  clients.push(client);
  return client;
}

before(async () => {
  env = await startTestEnvironment();
});

after(async () => {
  for (const client of clients) await client.end();
  await env.stop();
});

async function definitionsOf(db: pg.Client, schema: string, tables: readonly string[]): Promise<unknown[]> {
  const definitions: unknown[] = [];
  for (const table of tables) definitions.push(await definitionOf(db, schema, table));
  return definitions;
}

/** What a table is, as its definition reads: names included, its schema left out. */
async function definitionOf(db: pg.Client, schema: string, table: string): Promise<unknown> {
  const columns = await db.query(
    `SELECT column_name, format_type(atttypid, atttypmod) AS type, is_nullable, column_default FROM information_schema.columns
       JOIN pg_attribute ON attrelid = (quote_ident(table_schema) || '.' || quote_ident(table_name))::regclass AND attname = column_name
      WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, [schema, table]);
  const constraints = await db.query(
    `SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = (quote_ident($1) || '.' || quote_ident($2))::regclass ORDER BY conname`, [schema, table]);
  const indexes = await db.query(
    `SELECT indexname, replace(indexdef, ' ON ' || quote_ident($1) || '.', ' ON ') AS def FROM pg_indexes
      WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname`, [schema, table]);
  return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows };
}

/** Polls the database (not a clock) until the condition holds there. */
async function untilDatabaseSays(db: pg.Client, what: string, sql: string, values: unknown[]): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if ((await db.query<{ ok: boolean }>(sql, values)).rows[0]?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`the database never said: ${what}`);
}

test('every table of the read models belongs to exactly one projection', async () => {
  const db = await connect();
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
        AND table_name NOT IN ('projection_offsets', 'schema_migrations') ORDER BY table_name`);
  const owned = projections.flatMap((p) => p.tables);
  assert.deepEqual([...owned].sort(), rows.map((row) => row.table_name));
  assert.equal(new Set(owned).size, owned.length, 'a table is listed by two projections');
});

test('swapped in, every read model table keeps its columns, constraints, index names and definitions', async () => {
  const db = await connect();
  const schema = await liveSchema(db);
  const tables = projections.flatMap((p) => p.tables);
  const before = await definitionsOf(db, schema, tables);
  await inTransactionOn(db, () => createShadowTables(db, schema, projections));
  const uniqueIndexes = async (where: string) => (await db.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1
      AND tablename = ANY($2) ${where} ORDER BY indexname`, [SHADOW_SCHEMA, tables])).rows;
  assert.deepEqual(await uniqueIndexes(''), await uniqueIndexes(`AND indexdef LIKE 'CREATE UNIQUE %'`), 'only unique indexes while the rows go in');
  assert.ok((await uniqueIndexes('')).length >= tables.length, 'every table has its key');
  const persistence = async (tableSchema: string) => (await db.query<{ relpersistence: string }>(
    `SELECT DISTINCT relpersistence FROM pg_class WHERE relnamespace = $1::regnamespace AND relname = ANY($2)`, [tableSchema, tables]))
    .rows.map((row) => row.relpersistence);
  assert.deepEqual(await persistence(SHADOW_SCHEMA), ['u'], 'unlogged while the rows go in');
  await completeShadowTables(db, schema, projections);
  assert.deepEqual(await persistence(SHADOW_SCHEMA), ['p'], 'logged before the swap');
  const shadows = await definitionsOf(db, SHADOW_SCHEMA, tables);
  assert.deepEqual(shadows, before, 'the shadow tables, once complete, are the live ones');
  await inTransactionOn(db, () => swapInShadowTables(db, schema, projections));
  assert.deepEqual(await definitionsOf(db, schema, tables), before);
  assert.deepEqual(await persistence(schema), ['p'], 'the live tables are logged');
  const left = await db.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'projection_offsets'`, [SHADOW_SCHEMA]);
  assert.equal(left.rows[0].n, 0, 'every shadow table moved');
});

test('a query that waited on the swap reads the rebuilt rows; a swap that would undo a migration is refused; a dropped shadow leaves nothing', async () => {
  const [setup, holder, swapper, reader] = [await connect(), await connect(), await connect(), await connect()];
  const schema = await liveSchema(setup);
  const probe: Projection = { name: 'rerates', topics: [], tables: ['probe'], apply: async () => undefined };
  await setup.query(`CREATE TABLE probe (id INT PRIMARY KEY, v TEXT NOT NULL); CREATE INDEX probe_by_v ON probe (v); INSERT INTO probe VALUES (1, 'old')`);
  await inTransactionOn(setup, () => createShadowTables(setup, schema, [probe]));
  await setup.query(`INSERT INTO ${SHADOW_SCHEMA}.probe VALUES (1, 'rebuilt'), (2, 'rebuilt')`);
  await completeShadowTables(setup, schema, [probe]);

  // A reader holds the live table; the swap queues behind it, and a second reader behind the swap.
  await holder.query('BEGIN');
  assert.equal((await holder.query('SELECT count(*)::int AS n FROM probe')).rows[0].n, 1);
  await swapper.query('BEGIN');
  const swapped = swapInShadowTables(swapper, schema, [probe]);
  swapped.catch(() => undefined); // awaited below; a failure meanwhile must not go unhandled
  await untilDatabaseSays(setup, 'the swap waits for the reader',
    `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE relation = 'probe'::regclass AND mode = 'AccessExclusiveLock' AND NOT granted) AS ok`, []);
  const waiting = reader.query<{ v: string }>('SELECT v FROM probe ORDER BY id');
  await untilDatabaseSays(setup, 'the second reader waits behind the swap',
    `SELECT count(*) = 2 AS ok FROM pg_locks WHERE relation = 'probe'::regclass AND NOT granted`, []);
  await holder.query('COMMIT');
  await swapped;
  await swapper.query('COMMIT');
  assert.deepEqual((await waiting).rows.map((row) => row.v), ['rebuilt', 'rebuilt']);
  assert.deepEqual((await setup.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'probe' ORDER BY indexname`)).rows.map((r) => r.indexname),
    ['probe_by_v', 'probe_pkey']);

  // A migration meanwhile, adding a column or an index: the swap refuses to undo it.
  for (const migration of ['ALTER TABLE probe ADD COLUMN added_meanwhile INT', 'CREATE INDEX probe_added_meanwhile ON probe (id, v)']) {
    await inTransactionOn(setup, () => createShadowTables(setup, schema, [probe]));
    await completeShadowTables(setup, schema, [probe]);
    await setup.query(migration);
    await setup.query('BEGIN');
    await assert.rejects(swapInShadowTables(setup, schema, [probe]), /probe changed during the rebuild/, migration);
    await setup.query('ROLLBACK');
    assert.equal((await setup.query('SELECT * FROM probe')).rows.length, 2, 'the live table stays as it was');
  }
  await dropShadowTables(setup, [probe]);
  assert.equal((await setup.query(`SELECT to_regclass('${SHADOW_SCHEMA}.probe') IS NULL AS gone`)).rows[0].gone, true);
  await setup.query('DROP TABLE probe');
});
