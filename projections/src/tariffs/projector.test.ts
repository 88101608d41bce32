import assert from 'node:assert/strict';
import { test } from 'node:test';
import type pg from 'pg';
import type { Db } from '../db.ts';
import { assignment, tariff } from '../test-billing-events.ts';
import { tariffsProjection } from './projector.ts';

/** The statements the projector sends, at the database port. */
function recordingDb(): Db & { statements: { text: string; values: unknown[] }[] } {
  const statements: { text: string; values: unknown[] }[] = [];
  return {
    statements,
    async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
      statements.push({ text, values });
      return { rows: [], rowCount: 0, command: '', oid: 0, fields: [] };
    },
  };
}

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

test('an assignment without a key is kept under the key its scope gives', async () => {
  const db = recordingDb();
  await tariffsProjection.apply(db, {
    topic: 'tariffAssignments', key: null, value: assignment('Evse', 'T-STD', { chargePointId: 'CP001', evseId: 2 }),
  }, assignmentsAt);
  assert.equal(db.statements[0]?.values[0], 'evse:CP001:2');
  await tariffsProjection.apply(db, { topic: 'tariffAssignments', key: null, value: null }, assignmentsAt);
  assert.equal(db.statements.length, 1, 'a keyless tombstone names nothing');
});

test('reset deletes every tariff row', async () => {
  const db = recordingDb();
  await tariffsProjection.reset(db);
  assert.deepEqual(db.statements.map((s) => s.text), ['DELETE FROM tariff_assignments', 'DELETE FROM tariffs']);
});
