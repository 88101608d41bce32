import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { Db } from '../db.ts';
import type { Projection } from '../projection.ts';
import { applyBatch } from './apply-batch.ts';

/** A fake of the database port holding only projection_offsets. */
function offsetsDb(initial: number | undefined): Db & { saved: number[] } {
  const saved: number[] = [];
  return {
    saved,
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
      const rows = text.startsWith('SELECT') && initial !== undefined ? [{ next_offset: initial }] : [];
      if (text.startsWith('INSERT INTO projection_offsets')) saved.push(Number(values?.[3]));
      return { rows: rows as unknown as R[], rowCount: rows.length, command: '', oid: 0, fields: [] };
    },
  };
}

function recordingProjection(): Projection & { offsets: number[] } {
  const offsets: number[] = [];
  return {
    name: 'id-tags', topics: ['idTags'], offsets,
    reset: async () => undefined,
    apply: async (_db, _record, position) => { offsets.push(position.offset); },
  };
}

const record = (offset: number) => ({ offset, record: { topic: 'idTags' as const, key: 'A', value: null } });

test('records below the stored offset are skipped and the offset moves past the batch', async () => {
  const db = offsetsDb(11);
  const projection = recordingProjection();
  const applied = await applyBatch(db, projection, {
    topic: 'idTags', topicName: 'x', partition: 0, records: [record(10), record(11), record(12)], nextOffset: 14,
  });
  assert.equal(applied, 2);
  assert.deepEqual(projection.offsets, [11, 12]);
  assert.deepEqual(db.saved, [14]);
});

test('a batch entirely below the stored offset changes nothing', async () => {
  const db = offsetsDb(20);
  const projection = recordingProjection();
  assert.equal(await applyBatch(db, projection, { topic: 'idTags', topicName: 'x', partition: 0, records: [record(3)], nextOffset: 4 }), 0);
  assert.deepEqual(projection.offsets, []);
  assert.deepEqual(db.saved, []);
});
