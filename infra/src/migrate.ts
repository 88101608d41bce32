// Applies infra/migrations/*.sql in name order, each once, recorded in schema_migrations.
// migrate() also creates the database itself when it does not exist yet.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase } from './databases.ts';

const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));

export async function migrate(databaseUrl: string): Promise<string[]> {
  await createDatabase(databaseUrl, 'keep');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // One migrator at a time, even when several services start together.
    await client.query('SELECT pg_advisory_lock(74657)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations');
    const done = new Set(rows.map((r) => r.name));
    const applied: string[] = [];
    for (const file of readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort()) {
      if (done.has(file)) continue;
      await client.query('BEGIN');
      await client.query(readFileSync(migrationsDir + file, 'utf8'));
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
      await client.query('COMMIT');
      applied.push(file);
    }
    return applied;
  } finally {
    await client.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/csms';
  const applied = await migrate(url);
  console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
}
