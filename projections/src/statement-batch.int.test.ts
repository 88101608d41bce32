// Held writes inlined as literals must store exactly what the same values sent as parameters
// store, whatever a station put in them, on the real PostgreSQL; and held writes sent as
// multi-row upserts must leave exactly what the same writes leave one by one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { randomStream, type Random } from '@csms/infra/fuzz/random.ts';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { jsonb } from './jsonb.ts';
import { StatementBatch } from './statement-batch.ts';
import { upsert, type Statement } from './upsert.ts';

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

/** A batch that sends through the test's client and keeps what it sent. */
function sendingBatch(sent: string[]): StatementBatch {
  return new StatementBatch({
    query: (text: string, values?: unknown[]) => {
      sent.push(text);
      return client.query(text, values);
    },
  });
}

/**
 * Each hostile text as a parameter, inlined in a statement, in one multi-row upsert of them all
 * (VALUES, since a column is an array), and in one of them all without the array column (typed
 * arrays).
 */
async function storeFourWays(): Promise<void> {
  const insert = 'INSERT INTO samples (id, way, s, tags, doc, raw, at, amount, nothing) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9)';
  const batch = new StatementBatch(client);
  const sentMerged: string[] = [];
  const sentArrays: string[] = [];
  const merged = sendingBatch(sentMerged);
  const arrays = sendingBatch(sentArrays);
  for (const [i, text] of hostile.entries()) {
    const values = [i, text, [text, 'plain'], jsonb({ text }), Buffer.from(text), new Date(1_764_590_400_123 + i), 12.5 + i, null];
    await batch.write({ text: insert, values: [values[0], 'inlined', ...values.slice(1)] });
    await client.query(insert, [values[0], 'parameter', ...values.slice(1)]);
    const [id, s, tags, doc, raw, at, amount, nothing] = values;
    await merged.write(upsert('samples', { id, way: 'merged', s, tags, doc, raw, at, amount, nothing }, { key: ['id', 'way'] }));
    await arrays.write(upsert('samples', { id, way: 'typed arrays', s, doc, raw, at, amount, nothing }, { key: ['id', 'way'] }));
  }
  await batch.flush();
  await merged.flush();
  await arrays.flush();
  for (const [sent, form] of [[sentMerged, ' VALUES '], [sentArrays, ' SELECT * FROM unnest(']] as const) {
    const written = sent.filter((text) => !text.includes('pg_attribute'));
    assert.equal(written.length, 1);
    assert.equal(written[0]?.split(';\n').length, 1, 'every merged row in one statement');
    assert.ok(written[0]?.includes(form), `sent as${form}`);
  }
}

test('every hostile text is stored by held writes, one row or many, exactly as by a parameter, in text, arrays, jsonb, bytea', async () => {
  await client.query('BEGIN');
  try {
    await client.query(`CREATE TEMP TABLE samples (id INT, way TEXT, s TEXT, tags TEXT[], doc JSONB, raw BYTEA, at TIMESTAMPTZ, amount NUMERIC,
      nothing INT, PRIMARY KEY (id, way)) ON COMMIT DROP`);
    await storeFourWays();
    // Backslashes mean something else when standard_conforming_strings is off; escape strings hold either way.
    await client.query('SET LOCAL standard_conforming_strings = off');
    await client.query('DELETE FROM samples');
    await storeFourWays();
    // Ordered by way: inlined, merged, parameter, typed arrays.
    const { rows } = await client.query('SELECT * FROM samples ORDER BY id, way');
    assert.equal(rows.length, hostile.length * 4);
    for (let i = 0; i < rows.length; i += 4) {
      const [inlinedRow, mergedRow, parameterRow, arraysRow] = [rows[i], rows[i + 1], rows[i + 2], rows[i + 3]];
      assert.deepEqual({ ...inlinedRow, way: null }, { ...parameterRow, way: null });
      assert.deepEqual({ ...mergedRow, way: null }, { ...parameterRow, way: null });
      assert.deepEqual({ ...arraysRow, way: null }, { ...parameterRow, way: null, tags: null });
      assert.equal(parameterRow.s, hostile[parameterRow.id as number]!.replace('\uD800', '\uFFFD'));
    }
  } finally {
    await client.query('ROLLBACK');
  }
});

test('a text too long for its column is refused through typed arrays as it is as a parameter, not cut', async () => {
  await client.query('BEGIN');
  try {
    await client.query('CREATE TEMP TABLE codes (id INT PRIMARY KEY, code VARCHAR(3)) ON COMMIT DROP');
    await client.query('SAVEPOINT parameter');
    await assert.rejects(client.query('INSERT INTO codes (id, code) VALUES ($1, $2)', [1, 'ABCD']), { code: '22001' });
    await client.query('ROLLBACK TO SAVEPOINT parameter');
    const sent: string[] = [];
    const batch = sendingBatch(sent);
    await batch.write(upsert('codes', { id: 1, code: 'ABC' }, { key: ['id'] }), upsert('codes', { id: 2, code: 'ABCD' }, { key: ['id'] }));
    await assert.rejects(batch.flush(), { code: '22001' });
    assert.ok(sent.at(-1)?.includes(' SELECT * FROM unnest('), 'sent as typed arrays');
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

/** Writes to few rows, many of whose updates depend on the order they run in, and statements reading what they wrote. */
function randomWrites(random: Random, count: number, made: number[]): Statement[] {
  const below = (n: number) => random.int(0, n - 1);
  const station = () => `CP${below(12)}`;
  const at = () => new Date(1_764_590_400_000 + below(100) * 1000);
  const kinds: (() => Statement)[] = [
    () => upsert('held_stations', { id: station(), seen: at() }, { key: ['id'], merge: { seen: 'GREATEST(held_stations.seen, EXCLUDED.seen)' } }),
    () => upsert('held_stations', { id: station(), note: `n${below(10)}` }, { key: ['id'], merge: { note: `held_stations.note || EXCLUDED.note` } }),
    () => upsert('held_stations', { id: station(), n: below(5) }, { key: ['id'], merge: { n: 'held_stations.n * 2 + EXCLUDED.n' }, where: 'held_stations.n < 1000' }),
    () => upsert('held_stations', { id: station(), note: 'first' }, { key: ['id'], keepExisting: true }),
    () => upsert('held_connectors', { id: station(), connector: below(3), status: `s${below(4)}` }, { key: ['id', 'connector'] }),
    () => upsert('held_connectors', { id: station(), connector: below(3), status: null }, { key: ['id', 'connector'],
      merge: { status: `COALESCE(EXCLUDED.status, held_connectors.status || '+')` } }),
    () => ({ text: 'DELETE FROM held_connectors WHERE id = $1 AND connector = $2', values: [station(), below(3)] }),
    () => ({ text: 'DELETE FROM held_connectors c WHERE EXISTS (SELECT 1 FROM held_stations s WHERE s.id = c.id AND s.n > $1)', values: [below(40)] }),
    () => ({ text: 'UPDATE held_stations SET note = note || $1 WHERE id = $2', values: ['u', station()] }),
  ];
  // Mostly upserts, as in the projectors.
  return Array.from({ length: count }, () => {
    const kind = random.chance(1 / 30) ? 6 + below(3) : below(6);
    made[kind] = (made[kind] ?? 0) + 1;
    return kinds[kind]!();
  });
}

async function tables(): Promise<unknown> {
  const stations = await client.query('SELECT * FROM held_stations ORDER BY id');
  const connectors = await client.query('SELECT * FROM held_connectors ORDER BY id, connector');
  return { stations: stations.rows, connectors: connectors.rows };
}

test('held writes sent as multi-row upserts leave the rows that the same writes leave one by one', async () => {
  await client.query('BEGIN');
  try {
    await client.query(`CREATE TEMP TABLE held_stations (id TEXT PRIMARY KEY, seen TIMESTAMPTZ, note TEXT NOT NULL DEFAULT '', n INT NOT NULL DEFAULT 0)
      ON COMMIT DROP`);
    await client.query('CREATE TEMP TABLE held_connectors (id TEXT, connector INT, status TEXT, PRIMARY KEY (id, connector)) ON COMMIT DROP');
    let statementsSent = 0;
    let typedArraysSent = 0;
    const made: number[] = [];
    for (let seed = 1; seed <= 30; seed += 1) {
      const writes = randomWrites(randomStream(seed, 0), 150, made);
      await client.query('TRUNCATE held_stations, held_connectors');
      for (const write of writes) await client.query(write.text, write.values);
      const oneByOne = await tables();
      await client.query('TRUNCATE held_stations, held_connectors');
      const batch = new StatementBatch({
        query: (text: string, values?: unknown[]) => {
          statementsSent += text.split(';\n').length;
          if (text.includes(' SELECT * FROM unnest(')) typedArraysSent += 1;
          return client.query(text, values);
        },
      });
      await batch.write(...writes);
      await batch.flush();
      assert.deepEqual(await tables(), oneByOne, `seed ${seed}`);
    }
    const counts = Array.from({ length: 9 }, (_, kind) => made[kind] ?? 0);
    assert.ok(counts.every((n) => n >= 30), `every kind of write made, often: ${counts.join(', ')}`);
    assert.ok(statementsSent < 30 * 150 * 0.75, `${statementsSent} statements sent for ${30 * 150} writes`);
    assert.equal(typedArraysSent, 30, 'every seed had upserts sent as typed arrays');
  } finally {
    await client.query('ROLLBACK');
  }
});
