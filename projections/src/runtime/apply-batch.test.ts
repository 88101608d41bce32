import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { Serde } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Projection, ProjectionName } from '../projection.ts';
import { applyBatch, applyBatchSafely, RecordFailedError, type BatchTarget, type PartitionBatch } from './apply-batch.ts';

/** A fake of the database port: the offsets saved, and a log of every statement. */
function fakeDb(refusing?: string): Db & { saved: [string[], number][]; statements: string[]; sent: string[] } {
  const saved: [string[], number][] = [];
  const statements: string[] = [];
  const sent: string[] = [];
  return {
    saved, statements, sent,
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
      statements.push(text.split(' ').slice(0, 3).join(' '));
      sent.push(text);
      if (refusing !== undefined && text.includes(refusing)) throw refused;
      if (text.startsWith('INSERT INTO projection_offsets')) saved.push([values?.[0] as string[], Number(values?.[3])]);
      return { rows: [], rowCount: 0, command: '', oid: 0, fields: [] };
    },
  };
}

/** Applies tombstones of the id-tags topic, failing at the given offsets with the given error. */
function projectionFailingAt(failures: Record<number, unknown> = {}, name: ProjectionName = 'id-tags'): Projection & { offsets: number[] } {
  const offsets: number[] = [];
  return {
    name, topics: ['idTags'], offsets,
    tables: [],
    apply: async (_db, _record, position) => {
      offsets.push(position.offset);
      if (position.offset in failures) throw failures[position.offset];
    },
  };
}

/** Writes one row per record of the id-tags topic, its value 'refuse me' at the given offsets. */
function writingProjection(refusedAt: readonly number[] = []): Projection {
  return {
    name: 'id-tags', topics: ['idTags'],
    tables: [],
    apply: (db, _record, position) => db.write({
      text: 'INSERT INTO rows (at) VALUES ($1)', values: [refusedAt.includes(position.offset) ? 'refuse me' : `row ${position.offset}`],
    }),
  };
}

// Tombstones decode without the serde.
const serde: Pick<Serde, 'decode'> = { decode: async () => { throw new Error('unused'); } };
const message = (offset: number) => ({ offset: String(offset), key: Buffer.from('A'), value: null, timestamp: '1700000000000' });
const batch = (offsets: number[], nextOffset: number): PartitionBatch => ({
  topic: 'idTags', topicName: 'csms.config.id-tags', partition: 0, messages: offsets.map(message), nextOffset,
});
const refused = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });

const at = (projection: Projection, from = 0): BatchTarget[] => [{ projection, from }];

test('records below the stored offset are skipped and the offset moves past the batch', async () => {
  const db = fakeDb();
  const projection = projectionFailingAt();
  const result = await applyBatch(db, at(projection, 11), batch([10, 11, 12], 14), { serde, careful: false, maxAttempts: 3 });
  assert.equal(result.applied.get('id-tags'), 2);
  assert.deepEqual(projection.offsets, [11, 12]);
  assert.deepEqual(db.saved, [[['id-tags'], 14]]);
  assert.deepEqual(result.appliedTimestamps, [1_700_000_000_000, 1_700_000_000_000], 'the records applied, for freshness');
});

test('each projection starts from its own offset, and those moved are saved in one statement', async () => {
  const db = fakeDb();
  const ahead = projectionFailingAt({}, 'id-tags');
  const behind = projectionFailingAt({}, 'connections');
  const done = projectionFailingAt({}, 'commands');
  const result = await applyBatch(db, [{ projection: ahead, from: 12 }, { projection: behind, from: 10 }, { projection: done, from: 13 }],
    batch([10, 11, 12], 13), { serde, careful: false, maxAttempts: 3 });
  assert.deepEqual([ahead.offsets, behind.offsets, done.offsets], [[12], [10, 11, 12], []]);
  assert.deepEqual([...result.applied], [['id-tags', 1], ['connections', 3], ['commands', 0]]);
  assert.deepEqual(result.appliedTimestamps.length, 3, 'a record applied by two projections counts once');
  assert.deepEqual(db.saved, [[['id-tags', 'connections'], 13]]);
});

test('a batch entirely below the stored offset changes nothing', async () => {
  const db = fakeDb();
  const projection = projectionFailingAt();
  assert.equal((await applyBatch(db, at(projection, 20), batch([3], 4), { serde, careful: false, maxAttempts: 3 })).applied.get('id-tags'), 0);
  assert.deepEqual(projection.offsets, []);
  assert.deepEqual(db.saved, []);
});

test('applied as a whole, a failing record fails the batch so that it is applied again carefully', async () => {
  const projection = projectionFailingAt({ 11: refused });
  await assert.rejects(applyBatch(fakeDb(), at(projection), batch([10, 11, 12], 13), { serde, careful: false, maxAttempts: 3 }),
    (error: unknown) => error instanceof RecordFailedError && (error.cause as Error) === refused);
});

test('applied carefully, a record the database refuses is tried, rolled back to its savepoint, and set aside for that projection only', async () => {
  const db = fakeDb();
  const failing = projectionFailingAt({ 11: refused });
  const other = projectionFailingAt({}, 'connections');
  const result = await applyBatch(db, [...at(failing), ...at(other)], batch([10, 11, 12], 13), { serde, careful: true, maxAttempts: 2 });
  assert.equal(result.applied.get('id-tags'), 2);
  assert.equal(result.applied.get('connections'), 3);
  assert.deepEqual(failing.offsets, [10, 11, 11, 12]);
  assert.equal(result.deadLetters.length, 1);
  assert.deepEqual(
    { ...result.deadLetters[0], value: null, error: null },
    { type: 'DeadLetter', consumer: 'projection:id-tags', sourceTopic: 'csms.config.id-tags', partition: 0, offset: '11', key: 'A',
      value: null, error: null, at: 1_700_000_000_000, reason: 'DB_REFUSED' },
  );
  assert.equal(db.statements.filter((s) => s.startsWith('ROLLBACK TO SAVEPOINT')).length, 2);
  assert.deepEqual(db.saved, [[['id-tags', 'connections'], 13]], 'the offsets move past the record set aside');
});

test('a record that cannot be decoded is a dead letter of each projection it was due to', async () => {
  const undecodable = { ...message(10), value: Buffer.from('not avro') };
  const failing: Pick<Serde, 'decode'> = { decode: async () => { throw new TypeError('bad bytes'); } };
  const result = await applyBatch(fakeDb(), [...at(projectionFailingAt()), ...at(projectionFailingAt({}, 'connections'))],
    { ...batch([], 11), messages: [undecodable] }, { serde: failing, careful: false, maxAttempts: 1 });
  assert.deepEqual(result.deadLetters.map((l) => [l.consumer, l.reason]), [['projection:id-tags', 'DECODE_FAILED'], ['projection:connections', 'DECODE_FAILED']]);
});

test('a projector that throws without an SQLSTATE is set aside as DECIDE_FAILED', async () => {
  const result = await applyBatch(fakeDb(), at(projectionFailingAt({ 10: new TypeError('bug') })), batch([10], 11), { serde, careful: true, maxAttempts: 1 });
  assert.equal(result.deadLetters[0]?.reason, 'DECIDE_FAILED');
});

test('the database going away fails the batch, to be tried again whole, in either mode', async () => {
  const gone = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
  for (const careful of [false, true]) {
    await assert.rejects(applyBatch(fakeDb(), at(projectionFailingAt({ 10: gone })), batch([10], 11), { serde, careful, maxAttempts: 3 }),
      (error: unknown) => error === gone);
  }
});

test('safely: the batch as a whole when it goes through, else undone and applied again carefully', async () => {
  const fine = fakeDb();
  await applyBatchSafely(fine, at(projectionFailingAt()), batch([10, 11], 12), { serde, maxAttempts: 2 });
  assert.deepEqual(fine.statements.filter((s) => s.includes('SAVEPOINT')), ['SAVEPOINT projection_batch', 'RELEASE SAVEPOINT projection_batch']);

  const poisoned = fakeDb();
  const result = await applyBatchSafely(poisoned, at(projectionFailingAt({ 11: refused })), batch([10, 11], 12), { serde, maxAttempts: 1 });
  assert.equal(result.applied.get('id-tags'), 1);
  assert.equal(result.deadLetters.length, 1);
  assert.ok(poisoned.statements.includes('ROLLBACK TO SAVEPOINT'));
});

test('the writes of a batch applied as a whole go in one statement list, before its offsets', async () => {
  const db = fakeDb();
  await applyBatch(db, at(writingProjection()), batch([10, 11, 12], 13), { serde, careful: false, maxAttempts: 1 });
  assert.deepEqual(db.sent.slice(0, 1), [
    "INSERT INTO rows (at) VALUES ('row 10');\nINSERT INTO rows (at) VALUES ('row 11');\nINSERT INTO rows (at) VALUES ('row 12')",
  ]);
  assert.ok(db.sent[1]?.startsWith('INSERT INTO projection_offsets'));
});

test('a held write the database refuses fails a batch applied as a whole; applied carefully, it sets aside only the record that wrote it', async () => {
  await assert.rejects(applyBatch(fakeDb("'refuse me'"), at(writingProjection([11])), batch([10, 11, 12], 13), { serde, careful: false, maxAttempts: 1 }),
    (error: unknown) => error instanceof RecordFailedError && (error.cause as Error) === refused);
  const db = fakeDb("'refuse me'");
  const result = await applyBatch(db, at(writingProjection([11])), batch([10, 11, 12], 13), { serde, careful: true, maxAttempts: 2 });
  assert.equal(result.applied.get('id-tags'), 2);
  assert.deepEqual(result.deadLetters.map((letter) => [letter.offset, letter.reason]), [['11', 'DB_REFUSED']]);
  assert.deepEqual(db.sent.filter((text) => text.startsWith('INSERT INTO rows')), [
    "INSERT INTO rows (at) VALUES ('row 10')", "INSERT INTO rows (at) VALUES ('refuse me')", "INSERT INTO rows (at) VALUES ('refuse me')",
    "INSERT INTO rows (at) VALUES ('row 12')",
  ], 'each record\'s writes in its own savepoint, the refused one tried twice and not sent again after');
  assert.deepEqual(db.saved, [[['id-tags'], 13]]);
});
