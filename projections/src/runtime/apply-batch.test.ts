import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { Serde } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Projection } from '../projection.ts';
import { applyBatch, applyBatchSafely, RecordFailedError, type PartitionBatch } from './apply-batch.ts';

/** A fake of the database port: projection_offsets, and a log of every statement. */
function fakeDb(initial: number | undefined): Db & { saved: number[]; statements: string[] } {
  const saved: number[] = [];
  const statements: string[] = [];
  return {
    saved, statements,
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
      statements.push(text.split(' ').slice(0, 3).join(' '));
      const rows = text.startsWith('SELECT') && initial !== undefined ? [{ next_offset: initial }] : [];
      if (text.startsWith('INSERT INTO projection_offsets')) saved.push(Number(values?.[3]));
      return { rows: rows as unknown as R[], rowCount: rows.length, command: '', oid: 0, fields: [] };
    },
  };
}

/** Applies tombstones of the id-tags topic, failing at the given offsets with the given error. */
function projectionFailingAt(failures: Record<number, unknown> = {}): Projection & { offsets: number[] } {
  const offsets: number[] = [];
  return {
    name: 'id-tags', topics: ['idTags'], offsets,
    reset: async () => undefined,
    apply: async (_db, _record, position) => {
      offsets.push(position.offset);
      if (position.offset in failures) throw failures[position.offset];
    },
  };
}

// Tombstones decode without the serde.
const serde: Pick<Serde, 'decode'> = { decode: async () => { throw new Error('unused'); } };
const message = (offset: number) => ({ offset: String(offset), key: Buffer.from('A'), value: null, timestamp: '1700000000000' });
const batch = (offsets: number[], nextOffset: number): PartitionBatch => ({
  topic: 'idTags', topicName: 'csms.config.id-tags', partition: 0, messages: offsets.map(message), nextOffset,
});
const refused = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });

test('records below the stored offset are skipped and the offset moves past the batch', async () => {
  const db = fakeDb(11);
  const projection = projectionFailingAt();
  const result = await applyBatch(db, projection, batch([10, 11, 12], 14), { serde, careful: false, maxAttempts: 3 });
  assert.equal(result.applied, 2);
  assert.deepEqual(projection.offsets, [11, 12]);
  assert.deepEqual(db.saved, [14]);
});

test('a batch entirely below the stored offset changes nothing', async () => {
  const db = fakeDb(20);
  const projection = projectionFailingAt();
  assert.equal((await applyBatch(db, projection, batch([3], 4), { serde, careful: false, maxAttempts: 3 })).applied, 0);
  assert.deepEqual(projection.offsets, []);
  assert.deepEqual(db.saved, []);
});

test('applied as a whole, a failing record fails the batch so that it is applied again carefully', async () => {
  const projection = projectionFailingAt({ 11: refused });
  await assert.rejects(applyBatch(fakeDb(0), projection, batch([10, 11, 12], 13), { serde, careful: false, maxAttempts: 3 }),
    (error: unknown) => error instanceof RecordFailedError && (error.cause as Error) === refused);
});

test('applied carefully, a record the database refuses is tried, rolled back to its savepoint, and set aside', async () => {
  const db = fakeDb(0);
  const projection = projectionFailingAt({ 11: refused });
  const result = await applyBatch(db, projection, batch([10, 11, 12], 13), { serde, careful: true, maxAttempts: 2 });
  assert.equal(result.applied, 2);
  assert.deepEqual(projection.offsets, [10, 11, 11, 12]);
  assert.equal(result.deadLetters.length, 1);
  assert.deepEqual(
    { ...result.deadLetters[0], value: null, error: null },
    { type: 'DeadLetter', consumer: 'projection:id-tags', sourceTopic: 'csms.config.id-tags', partition: 0, offset: '11', key: 'A',
      value: null, error: null, at: 1_700_000_000_000, reason: 'DB_REFUSED' },
  );
  assert.equal(db.statements.filter((s) => s.startsWith('ROLLBACK TO SAVEPOINT')).length, 2);
  assert.deepEqual(db.saved, [13], 'the offset moves past the record set aside');
});

test('a projector that throws without an SQLSTATE is set aside as DECIDE_FAILED', async () => {
  const result = await applyBatch(fakeDb(0), projectionFailingAt({ 10: new TypeError('bug') }), batch([10], 11), { serde, careful: true, maxAttempts: 1 });
  assert.equal(result.deadLetters[0]?.reason, 'DECIDE_FAILED');
});

test('the database going away fails the batch, to be tried again whole, in either mode', async () => {
  const gone = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
  for (const careful of [false, true]) {
    await assert.rejects(applyBatch(fakeDb(0), projectionFailingAt({ 10: gone }), batch([10], 11), { serde, careful, maxAttempts: 3 }),
      (error: unknown) => error === gone);
  }
});

test('safely: the batch as a whole when it goes through, else undone and applied again carefully', async () => {
  const fine = fakeDb(0);
  await applyBatchSafely(fine, projectionFailingAt(), batch([10, 11], 12), { serde, maxAttempts: 2 });
  assert.deepEqual(fine.statements.filter((s) => s.includes('SAVEPOINT')), ['SAVEPOINT projection_batch', 'RELEASE SAVEPOINT projection_batch']);

  const poisoned = fakeDb(0);
  const result = await applyBatchSafely(poisoned, projectionFailingAt({ 11: refused }), batch([10, 11], 12), { serde, maxAttempts: 1 });
  assert.equal(result.applied, 1);
  assert.equal(result.deadLetters.length, 1);
  assert.ok(poisoned.statements.includes('ROLLBACK TO SAVEPOINT'));
});
