import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { ProjectionDb } from '../db.ts';
import type { Statement } from '../upsert.ts';
import { securityRecordSequence } from '../test-security-records.ts';
import { securityEventsProjection } from './projector.ts';

/** A fake of the database port that keeps the statements it was given. */
function recordingDb(): ProjectionDb & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    async query<R extends pg.QueryResultRow>(text: string): Promise<pg.QueryResult<R>> {
      statements.push(text);
      return { rows: [], rowCount: 0, command: '', oid: 0, fields: [] };
    },
    async write(...written: readonly Statement[]): Promise<void> {
      statements.push(...written.map((statement) => statement.text));
    },
  };
}

test('the projection reads only the security topic and writes one keyed row for a record of each of its six types', async () => {
  assert.deepEqual(securityEventsProjection.topics, ['security']);
  const db = recordingDb();
  const records = securityRecordSequence();
  assert.equal(new Set(records.map((r) => r.type)).size, 6);
  for (const [offset, value] of records.entries()) {
    await securityEventsProjection.apply(db, { topic: 'security', key: value.chargePointId, value }, { topic: 'security', partition: 0, offset });
  }
  assert.equal(db.statements.length, records.length);
  assert.ok(db.statements.every((s) => s.startsWith('INSERT INTO security_events') && s.includes('ON CONFLICT (source_partition, source_offset)')));
});

test('a tombstone writes nothing', async () => {
  const db = recordingDb();
  await securityEventsProjection.apply(db, { topic: 'security', key: 'CP001', value: null }, { topic: 'security', partition: 0, offset: 0 });
  assert.deepEqual(db.statements, []);
});
