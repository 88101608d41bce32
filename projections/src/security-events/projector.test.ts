import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordingDb } from '../test-recording-db.ts';
import { securityRecordSequence } from '../test-security-records.ts';
import { securityEventsProjection } from './projector.ts';

test('the projection reads only the security topic and writes one keyed row for a record of each of its six types', async () => {
  assert.deepEqual(securityEventsProjection.topics, ['security']);
  const db = recordingDb();
  const records = securityRecordSequence();
  assert.equal(new Set(records.map((r) => r.type)).size, 6);
  for (const [offset, value] of records.entries()) {
    await securityEventsProjection.apply(db, { topic: 'security', key: value.chargePointId, value }, { topic: 'security', partition: 0, offset });
  }
  assert.equal(db.statements.length, records.length);
  assert.ok(db.statements.every(({ text: s }) => s.startsWith('INSERT INTO security_events') && s.includes('ON CONFLICT (source_partition, source_offset)')));
});

test('a tombstone writes nothing', async () => {
  const db = recordingDb();
  await securityEventsProjection.apply(db, { topic: 'security', key: 'CP001', value: null }, { topic: 'security', partition: 0, offset: 0 });
  assert.deepEqual(db.statements, []);
});
