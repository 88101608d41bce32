import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnTypes } from './column-types.ts';
import { HeldWrites } from './held-writes.ts';
import { upsert } from './upsert.ts';

/** No column types known: every multi-row upsert goes as VALUES. */
const NO_TYPES: ColumnTypes = new Map();

const seen = (id: string, at: number) => upsert('stations', { id, seen: at }, { key: ['id'], merge: { seen: 'GREATEST(stations.seen, EXCLUDED.seen)' } });
const status = (id: string, connector: number, value: string) => upsert('connectors', { id, connector, status: value }, { key: ['id', 'connector'] });
const held = (...statements: ReturnType<typeof upsert>[]) => {
  const writes = new HeldWrites(true);
  for (const statement of statements) writes.add(statement);
  return writes.sql(NO_TYPES).split(';\n');
};

const seenSql = (tuples: string) => `INSERT INTO stations (id, seen) VALUES ${tuples} ON CONFLICT (id) DO UPDATE SET seen = GREATEST(stations.seen, EXCLUDED.seen)`;
const statusSql = (tuples: string) => `INSERT INTO connectors (id, connector, status) VALUES ${tuples} ON CONFLICT (id, connector) DO UPDATE SET status = EXCLUDED.status`;

test('upserts of one shape to different rows go as one multi-row INSERT, each shape its own', () => {
  assert.deepEqual(held(seen('A', 1), status('A', 1, 'Charging'), seen('B', 2), status('A', 2, 'Available')), [
    seenSql(`('A', '1'), ('B', '2')`),
    statusSql(`('A', '1', 'Charging'), ('A', '2', 'Available')`),
  ]);
});

test('a row written again goes after its first write; rows written once are not held back by it', () => {
  assert.deepEqual(held(seen('A', 1), seen('A', 2), seen('B', 3), seen('A', 4), seen('C', 5)), [
    seenSql(`('A', '1'), ('B', '3'), ('C', '5')`),
    seenSql(`('A', '2')`),
    seenSql(`('A', '4')`),
  ]);
});

test('a row is known by its key alone, whatever else it writes', () => {
  assert.deepEqual(held(status('A', 1, 'Charging'), status('A', 2, 'Charging'), status('A', 1, 'Available')), [
    statusSql(`('A', '1', 'Charging'), ('A', '2', 'Charging')`),
    statusSql(`('A', '1', 'Available')`),
  ]);
});

test('another statement goes after every earlier write to a table it names, and later writes to that table after it', () => {
  const writes = new HeldWrites(true);
  writes.add(status('A', 1, 'Charging'));
  writes.add(seen('A', 1));
  writes.add({ text: 'DELETE FROM connectors WHERE id = $1', values: ['A'] });
  writes.add(seen('B', 2));
  writes.add(status('B', 1, 'Available'));
  assert.deepEqual(writes.sql(NO_TYPES).split(';\n'), [
    statusSql(`('A', '1', 'Charging')`),
    seenSql(`('A', '1'), ('B', '2')`),
    `DELETE FROM connectors WHERE id = 'A'`,
    statusSql(`('B', '1', 'Available')`),
  ]);
});

test('a statement reading a table in a subquery waits for its writes too', () => {
  const writes = new HeldWrites(true);
  writes.add(seen('A', 1));
  writes.add(seen('A', 2));
  writes.add({ text: 'DELETE FROM connectors c WHERE EXISTS (SELECT 1 FROM stations s WHERE s.id = c.id AND s.seen > $1)', values: [1] });
  writes.add(status('A', 1, 'Charging'));
  assert.deepEqual(writes.sql(NO_TYPES).split(';\n'), [
    seenSql(`('A', '1')`),
    seenSql(`('A', '2')`),
    `DELETE FROM connectors c WHERE EXISTS (SELECT 1 FROM stations s WHERE s.id = c.id AND s.seen > '1')`,
    statusSql(`('A', '1', 'Charging')`),
  ]);
});

test('an upsert whose update reads another table is not merged', () => {
  const reading = upsert('stations', { id: 'A', seen: 1 }, { key: ['id'], merge: { seen: '(SELECT max(seen) FROM other)' } });
  assert.equal(reading.upsert, undefined);
  assert.notEqual(seen('A', 1).upsert, undefined);
});

test('a NUL is refused when the upsert is held, with the code PostgreSQL refuses it with', () => {
  assert.throws(() => new HeldWrites(true).add(seen('A\u0000', 1)), { code: '22021' });
});

test('one row written by several shapes keeps their order, each in its own layer', () => {
  const boot = (id: string) => upsert('stations', { id, model: 'M' }, { key: ['id'] });
  assert.deepEqual(held(seen('A', 1), boot('A'), seen('B', 2), seen('A', 3), boot('B')), [
    seenSql(`('A', '1'), ('B', '2')`),
    `INSERT INTO stations (id, model) VALUES ('A', 'M'), ('B', 'M') ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model`,
    seenSql(`('A', '3')`),
  ]);
});

test('a first write that wins stays first', () => {
  const first = (id: string, note: string) => upsert('stations', { id, note }, { key: ['id'], keepExisting: true });
  assert.deepEqual(held(first('A', 'one'), first('B', 'one'), first('A', 'two')), [
    `INSERT INTO stations (id, note) VALUES ('A', 'one'), ('B', 'one') ON CONFLICT (id) DO NOTHING`,
    `INSERT INTO stations (id, note) VALUES ('A', 'two') ON CONFLICT (id) DO NOTHING`,
  ]);
});

test('keys PostgreSQL receives alike are one row, though written differently', () => {
  assert.deepEqual(held(seen('A\uD800', 1), seen('A\uDBFF', 2)), [seenSql(`('A\uFFFD', '1')`), seenSql(`('A\uFFFD', '2')`)]);
});

test('held as written, every write keeps its place', () => {
  const writes = new HeldWrites(false);
  for (const statement of [seen('A', 1), status('A', 1, 'Charging'), seen('B', 2)]) writes.add(statement);
  assert.deepEqual(writes.sql(NO_TYPES).split(';\n'), [seenSql(`('A', '1')`), statusSql(`('A', '1', 'Charging')`), seenSql(`('B', '2')`)]);
});

test('the words of a value name no table', () => {
  assert.deepEqual(held(seen('A', 1), { text: 'DELETE FROM notes WHERE id = ANY($1)', values: [['stations']] }, seen('B', 2)), [
    seenSql(`('A', '1'), ('B', '2')`), `DELETE FROM notes WHERE id = ANY('{"stations"}')`,
  ]);
});

test('a table is known by its name however a statement spells it', () => {
  assert.deepEqual(held(seen('A', 1), { text: 'DELETE FROM Stations WHERE id = $1', values: ['B'] }, seen('C', 2)), [
    seenSql(`('A', '1')`), `DELETE FROM Stations WHERE id = 'B'`, seenSql(`('C', '2')`),
  ]);
});

const TYPES: ColumnTypes = new Map([
  ['stations', new Map([['id', 'text'], ['seen', 'bigint'], ['note', 'text']])],
  ['connectors', new Map([['id', 'text'], ['connector', 'integer'], ['status', 'text'], ['tags', 'text[]']])],
]);

test('with its column types known, a multi-row upsert goes as one typed array per column', () => {
  const writes = new HeldWrites(true);
  for (const statement of [seen('A', 1), seen('B', 2), status('A', 1, 'Charging')]) writes.add(statement);
  assert.deepEqual(writes.sql(TYPES).split(';\n'), [
    `INSERT INTO stations (id, seen) SELECT * FROM unnest('{"A","B"}'::text[], '{"1","2"}'::bigint[]) ON CONFLICT (id) DO UPDATE SET seen = GREATEST(stations.seen, EXCLUDED.seen)`,
    statusSql(`('A', '1', 'Charging')`),
  ], 'a single row stays a VALUES row');
});

test('array elements keep quotes, backslashes, NULL and the text NULL apart, and the array literal is escaped as a whole', () => {
  const note = (id: string, text: string | null) => upsert('stations', { id, note: text }, { key: ['id'] });
  const writes = new HeldWrites(true);
  for (const statement of [note('q"1', 'a\\b'), note('2', null), note('3', 'NULL'), note("it's", '{x,y}')]) writes.add(statement);
  assert.equal(writes.sql(TYPES),
    `INSERT INTO stations (id, note) SELECT * FROM unnest( E'{"q\\\\"1","2","3","it''s"}'::text[],  E'{"a\\\\\\\\b",NULL,"NULL","{x,y}"}'::text[]) ON CONFLICT (id) DO UPDATE SET note = EXCLUDED.note`);
});

test('a shape with an array column, or a column of unknown type, goes as VALUES', () => {
  const tagged = (id: string) => upsert('connectors', { id, connector: 1, tags: ['a'] }, { key: ['id', 'connector'] });
  const other = (id: string) => upsert('other', { id }, { key: ['id'], keepExisting: true });
  const writes = new HeldWrites(true);
  for (const statement of [tagged('A'), tagged('B'), other('A'), other('B')]) writes.add(statement);
  assert.deepEqual(writes.sql(TYPES).split(';\n'), [
    `INSERT INTO connectors (id, connector, tags) VALUES ('A', '1', '{"a"}'), ('B', '1', '{"a"}') ON CONFLICT (id, connector) DO UPDATE SET tags = EXCLUDED.tags`,
    `INSERT INTO other (id) VALUES ('A'), ('B') ON CONFLICT (id) DO NOTHING`,
  ]);
  assert.deepEqual(writes.multiRowTables(), new Set(['connectors', 'other']));
});
