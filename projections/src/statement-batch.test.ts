import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordingDb } from './test-recording-db.ts';
import { inlined, StatementBatch } from './statement-batch.ts';

const statement = (text: string, ...values: unknown[]) => ({ text, values });

test('each placeholder becomes the quoted text node-postgres would send as its parameter', () => {
  assert.equal(
    inlined(statement('INSERT INTO t (a, b, c, d, e) VALUES ($1, $2, $3, $4, $5)', 'CP001', 42, null, true, [3, 4])),
    `INSERT INTO t (a, b, c, d, e) VALUES ('CP001', '42', NULL, 'true', '{"3","4"}')`,
  );
  const at = new Date(Date.UTC(2026, 11, 1, 12, 30, 0, 250));
  const dateText = /^SELECT '([^']+)'$/.exec(inlined(statement('SELECT $1', at)))?.[1];
  assert.equal(new Date(dateText ?? '').getTime(), at.getTime(), `a date to the millisecond, with its offset: ${dateText}`);
});

test('quotes are doubled and a text with a backslash is an escape string, so no value can end its literal', () => {
  assert.equal(inlined(statement('SELECT $1', `'); DROP TABLE t; --`)), `SELECT '''); DROP TABLE t; --'`);
  assert.equal(inlined(statement('SELECT $1', `a\\'b`)), `SELECT  E'a\\\\''b'`);
});

test('a placeholder inside a value is not replaced again, and $10 is not $1 followed by 0', () => {
  const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
  values[0] = '$2';
  const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
  assert.equal(inlined(statement(`SELECT ${placeholders}`, ...values)), `SELECT '$2', ${values.slice(1).map((v) => `'${v}'`).join(', ')}`);
});

test('bytes are a hex bytea literal', () => {
  assert.equal(inlined(statement('SELECT $1', Buffer.from([0, 255, 16]))), `SELECT  E'\\\\x00ff10'`);
});

test('a NUL is refused with the code PostgreSQL refuses it with, when written, not when sent', () => {
  assert.throws(() => inlined(statement('SELECT $1', 'a\u0000b')), { code: '22021' });
  assert.throws(() => inlined(statement('SELECT $1', ['ok', 'a\u0000b'])), { code: '22021' });
});

test('a placeholder without a value, or a value without a placeholder, is a bug in the statement', () => {
  assert.throws(() => inlined(statement('SELECT $1, $2', 'only one')), /no value for \$2/);
  assert.throws(() => inlined(statement('SELECT $0', 'a')), /no value for \$0/);
  assert.throws(() => inlined(statement('SELECT $1', 'a', 'b')), /1 value\(s\) without a placeholder/);
});

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
