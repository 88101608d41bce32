// Held writes inlined as literals must store exactly what the same values sent as parameters
// store, whatever a station put in them, on the real PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { jsonb } from './jsonb.ts';
import { StatementBatch } from './statement-batch.ts';

let env: TestEnvironment;
let client: pg.Client;

before(async () => {
  env = await startTestEnvironment();
  client = new pg.Client(env.databaseUrl);
  await client.connect();
});

after(async () => {
  await client.end();
  await env.stop();
});

const hostile = [
  `'); DROP TABLE samples; --`, `a\\'b`, `\\`, `\\\\x00`, `E'x'`, `$1`, `$$ dollar $$`, `;`, `"{}"`, `{"a":"b"}`,
  'tab\there\nnewline\r', 'é ü 中文 🚗', '\uD800 lone surrogate', '', ' ', `''`, 'NULL',
];

async function storeBothWays(): Promise<void> {
  const insert = 'INSERT INTO samples (id, way, s, tags, doc, raw, at, amount) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)';
  const batch = new StatementBatch(client);
  for (const [i, text] of hostile.entries()) {
    const values = [i, text, [text, 'plain'], jsonb({ text }), Buffer.from(text), new Date(1_764_590_400_123 + i), 12.5 + i];
    await batch.write({ text: insert, values: [values[0], 'inlined', ...values.slice(1)] });
    await client.query(insert, [values[0], 'parameter', ...values.slice(1)]);
  }
  await batch.flush();
}

test('every hostile text is stored by a held write exactly as by a parameter, in text, arrays, jsonb, bytea', async () => {
  await client.query('BEGIN');
  try {
    await client.query(`CREATE TEMP TABLE samples (id INT, way TEXT, s TEXT, tags TEXT[], doc JSONB, raw BYTEA, at TIMESTAMPTZ, amount NUMERIC,
      PRIMARY KEY (id, way)) ON COMMIT DROP`);
    await storeBothWays();
    // Backslashes mean something else when standard_conforming_strings is off; escape strings hold either way.
    await client.query('SET LOCAL standard_conforming_strings = off');
    await client.query('DELETE FROM samples');
    await storeBothWays();
    const { rows } = await client.query('SELECT * FROM samples ORDER BY id, way');
    assert.equal(rows.length, hostile.length * 2);
    for (let i = 0; i < rows.length; i += 2) {
      const [inlinedRow, parameterRow] = [rows[i], rows[i + 1]];
      assert.deepEqual({ ...inlinedRow, way: null }, { ...parameterRow, way: null });
      assert.equal(parameterRow.s, hostile[parameterRow.id as number]!.replace('\uD800', '\uFFFD'));
    }
  } finally {
    await client.query('ROLLBACK');
  }
});

test('PostgreSQL refuses a NUL as a parameter with the same code a held write is refused with', async () => {
  await assert.rejects(client.query('SELECT $1::text', ['a\u0000b']), { code: '22021' });
  await assert.rejects(new StatementBatch(client).write({ text: 'SELECT $1::text', values: ['a\u0000b'] }), { code: '22021' });
});

test('a held write PostgreSQL refuses fails the flush with its code', async () => {
  await client.query('BEGIN');
  try {
    await client.query('CREATE TEMP TABLE keys (id INT PRIMARY KEY) ON COMMIT DROP');
    const batch = new StatementBatch(client);
    const insert = (id: number) => ({ text: 'INSERT INTO keys (id) VALUES ($1)', values: [id] });
    await batch.write(insert(1), insert(1), insert(2));
    await assert.rejects(batch.flush(), { code: '23505' });
  } finally {
    await client.query('ROLLBACK');
  }
});
