import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upsert } from './upsert.ts';

test('upsert updates every non-key column from EXCLUDED unless merged otherwise', () => {
  const statement = upsert('t', { id: 'a', x: 1, seen: 2 }, { key: ['id'], merge: { seen: 'GREATEST(t.seen, EXCLUDED.seen)' } });
  assert.equal(
    statement.text,
    'INSERT INTO t (id, x, seen) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET x = EXCLUDED.x, seen = GREATEST(t.seen, EXCLUDED.seen)',
  );
  assert.deepEqual(statement.values, ['a', 1, 2]);
});

test('upsert of key columns only does nothing on conflict', () => {
  assert.match(upsert('t', { a: 1, b: 2 }, { key: ['a', 'b'] }).text, /ON CONFLICT \(a, b\) DO NOTHING$/);
});

test('upsert adds the where clause to the update', () => {
  assert.match(upsert('t', { id: 'a', x: 1 }, { key: ['id'], where: 't.x = EXCLUDED.x' }).text, /WHERE t\.x = EXCLUDED\.x$/);
});

test('upsert tells where its key is, so held upserts of its shape can go as one statement', () => {
  const statement = upsert('t', { x: 1, id: 'a', seq: 2 }, { key: ['id', 'seq'] });
  assert.deepEqual(statement.upsert, {
    table: 't', columns: ['x', 'id', 'seq'], into: 'INSERT INTO t (x, id, seq)', onConflict: 'ON CONFLICT (id, seq) DO UPDATE SET x = EXCLUDED.x', keyAt: [1, 2],
  });
  assert.throws(() => upsert('t', { x: 1 }, { key: ['id'] }), /lacks a key column/);
  assert.throws(() => upsert('"T"', { id: 1 }, { key: ['id'] }), /lower case, unquoted/);
});

test('upserts of one table and columns under different options keep their own texts', () => {
  const row = { id: 'CP-1', status: 'Available' };
  const texts = [
    upsert('probes', row, { key: ['id'] }),
    upsert('probes', row, { key: ['id'], merge: { status: 'probes.status' } }),
    upsert('probes', row, { key: ['id'], merge: { status: 'EXCLUDED.status || probes.status' } }),
    upsert('probes', row, { key: ['id'], where: 'probes.status IS NULL' }),
    upsert('probes', row, { key: ['id'], keepExisting: true }),
    upsert('probes', row, { key: ['id', 'status'] }),
    upsert('probes', { status: 'Available', id: 'CP-1' }, { key: ['id'] }),
  ].map((statement) => statement.text);
  assert.equal(new Set(texts).size, texts.length, texts.join('\n'));
  assert.deepEqual(upsert('probes', { id: 'CP-2', status: 'Faulted' }, { key: ['id'] }).values, ['CP-2', 'Faulted'], 'values are the row\'s, not the cached shape\'s');
});
