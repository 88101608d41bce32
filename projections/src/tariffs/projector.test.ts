import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordingDb } from '../test-recording-db.ts';
import { assignment, tariff } from '../test-billing-events.ts';
import { tariffsProjection } from './projector.ts';

const tariffsAt = { topic: 'tariffs', partition: 0, offset: 3 } as const;
const assignmentsAt = { topic: 'tariffAssignments', partition: 1, offset: 5 } as const;

test('the tariffs projection folds both compacted topics', () => {
  assert.deepEqual(tariffsProjection.topics, ['tariffs', 'tariffAssignments']);
});

test('a tariff is upserted on its id; a tombstone deletes by the key', async () => {
  const db = recordingDb();
  await tariffsProjection.apply(db, { topic: 'tariffs', key: 'T-STD', value: tariff('T-STD', 2) }, tariffsAt);
  await tariffsProjection.apply(db, { topic: 'tariffs', key: 'T-OLD', value: null }, tariffsAt);
  assert.match(db.statements[0]?.text ?? '', /^INSERT INTO tariffs .* ON CONFLICT \(id\) DO UPDATE SET /);
  assert.equal(db.statements[0]?.values[0], 'T-STD');
  assert.deepEqual(db.statements[1], { text: 'DELETE FROM tariffs WHERE id = $1', values: ['T-OLD'] });
});

test("an assignment is kept under the topic's key, which its tombstone names", async () => {
  const db = recordingDb();
  await tariffsProjection.apply(db, {
    topic: 'tariffAssignments', key: 'station:CP001', value: assignment('Station', 'T-STD', { chargePointId: 'CP001' }),
  }, assignmentsAt);
  await tariffsProjection.apply(db, { topic: 'tariffAssignments', key: 'station:CP001', value: null }, assignmentsAt);
  assert.match(db.statements[0]?.text ?? '', /^INSERT INTO tariff_assignments \(key, .* ON CONFLICT \(key\) DO UPDATE SET /);
  assert.equal(db.statements[0]?.values[0], 'station:CP001');
  assert.deepEqual(db.statements[1], { text: 'DELETE FROM tariff_assignments WHERE key = $1', values: ['station:CP001'] });
});

test('an assignment without a key is skipped, as on every compacted topic', async () => {
  const db = recordingDb();
  await tariffsProjection.apply(db, {
    topic: 'tariffAssignments', key: null, value: assignment('Evse', 'T-STD', { chargePointId: 'CP001', evseId: 2 }),
  }, assignmentsAt);
  await tariffsProjection.apply(db, { topic: 'tariffAssignments', key: null, value: null }, assignmentsAt);
  assert.equal(db.statements.length, 0);
});
