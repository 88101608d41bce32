import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordingDb } from './test-recording-db.ts';
import { StatementBatch } from './statement-batch.ts';
import { upsert } from './upsert.ts';

const statement = (text: string, ...values: unknown[]) => ({ text, values });

test('writes are held until a query, which sends them first, in order, as one statement list', async () => {
  const db = recordingDb(() => [{ n: 1 }]);
  const batch = new StatementBatch(db);
  await batch.write(statement('DELETE FROM t WHERE id = $1', 'a'), statement('INSERT INTO t (id) VALUES ($1)', 'b'));
  await batch.write(statement('INSERT INTO t (id) VALUES ($1)', 'c'));
  assert.equal(db.statements.length, 0);
  const { rows } = await batch.query('SELECT count(*) AS n FROM t WHERE id = $1', ['b']);
  assert.deepEqual(rows, [{ n: 1 }]);
  assert.deepEqual(db.statements, [
    { text: `DELETE FROM t WHERE id = 'a';\nINSERT INTO t (id) VALUES ('b');\nINSERT INTO t (id) VALUES ('c')`, values: [] },
    { text: 'SELECT count(*) AS n FROM t WHERE id = $1', values: ['b'] },
  ]);
});

test('flush sends nothing when nothing is held, and discard forgets what is', async () => {
  const db = recordingDb();
  const batch = new StatementBatch(db);
  await batch.flush();
  await batch.write(statement('INSERT INTO t (id) VALUES ($1)', 'undone'));
  batch.discard();
  await batch.flush();
  assert.deepEqual(db.statements, []);
});

test('a batch that holds more than a megabyte sends it without waiting for a query', async () => {
  const db = recordingDb();
  const batch = new StatementBatch(db);
  const large = 'x'.repeat(300_000);
  for (let i = 0; i < 4; i += 1) await batch.write(statement('INSERT INTO t (s) VALUES ($1)', large));
  assert.equal(db.statements.length, 1);
  assert.equal(db.statements[0]?.text.split(';\n').length, 4);
});

test('upserts go as multi-row INSERTs, typed arrays once their columns are looked up, unless the batch is told to write them as written', async () => {
  const write = (id: string) => upsert('t', { id, n: 1 }, { key: ['id'] });
  const catalog = (statement: { text: string }) => statement.text.includes('pg_attribute')
    ? [{ name: 't', column: 'id', type: 'text' }, { name: 't', column: 'n', type: 'integer' }]
    : [];
  for (const multiRow of [true, false]) {
    const db = recordingDb(catalog);
    const batch = new StatementBatch(db, { multiRow });
    await batch.write(write('a'), write('b'));
    await batch.flush();
    await batch.write(write('c'), write('d'));
    await batch.flush();
    const sent = db.statements.map((s) => s.text);
    if (multiRow) {
      assert.equal(sent.filter((text) => text.includes('pg_attribute')).length, 1, 'a table\'s types are looked up once');
      assert.deepEqual(db.statements[0]?.values, [['t']]);
      assert.deepEqual(sent.slice(1), ['a', 'c'].map((first) => {
        const second = String.fromCharCode(first.charCodeAt(0) + 1);
        return `INSERT INTO t (id, n) SELECT * FROM unnest('{"${first}","${second}"}'::text[], '{"1","1"}'::integer[]) ON CONFLICT (id) DO UPDATE SET n = EXCLUDED.n`;
      }));
    } else {
      assert.deepEqual(sent.slice(0, 1), [`INSERT INTO t (id, n) VALUES ('a', '1') ON CONFLICT (id) DO UPDATE SET n = EXCLUDED.n;\nINSERT INTO t (id, n) VALUES ('b', '1') ON CONFLICT (id) DO UPDATE SET n = EXCLUDED.n`]);
    }
  }
});
