import assert from 'node:assert/strict';
import { test } from 'node:test';
import type pg from 'pg';
import type { Db } from '../db.ts';
import { cdrCorrection, cdrCredited, cdrIssued, sessionCost } from '../test-billing-events.ts';
import { T0 } from '../test-events.ts';
import { billingProjection } from './projector.ts';

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

const position = { topic: 'billing', partition: 4, offset: 17 } as const;

test('the billing projection folds csms.billing only', () => {
  assert.deepEqual(billingProjection.topics, ['billing']);
});

test('a running cost replaces the row only when it runs at least as far in station time', async () => {
  const db = recordingDb();
  await billingProjection.apply(db, { topic: 'billing', key: 'CP001', value: sessionCost('CP001', 7, T0 + 60_000, 250) }, position);
  assert.equal(db.statements.length, 1);
  assert.match(db.statements[0]?.text ?? '', /^INSERT INTO session_costs .* ON CONFLICT \(transaction_id\) DO UPDATE SET .* WHERE session_costs\.as_of <= EXCLUDED\.as_of$/);
});

test('a CDR is an upsert on its id, then takes the credit already folded for it, if any', async () => {
  const db = recordingDb();
  await billingProjection.apply(db, { topic: 'billing', key: 'CP001', value: cdrIssued('CP001', 7, T0) }, position);
  const [insert, mark] = db.statements;
  assert.match(insert?.text ?? '', /^INSERT INTO cdrs .* ON CONFLICT \(cdr_id\) DO UPDATE SET /);
  assert.doesNotMatch(insert?.text ?? '', /credited_by/);
  assert.match(mark?.text ?? '', /^UPDATE cdrs SET credited_by = \(\s*SELECT credit_id FROM cdr_credits WHERE credited_cdr_id = cdrs\.cdr_id ORDER BY at, credit_id LIMIT 1\)/);
  assert.deepEqual(mark?.values, ['CDR-CP001-7']);
});

test('a credit is an upsert on its id, then marks the CDR it cancels', async () => {
  const db = recordingDb();
  const credited = cdrIssued('CP001', 7, T0);
  const credit = cdrCredited(credited, cdrCorrection(credited, T0 + 86_400_000, 20_000), T0 + 86_400_000);
  await billingProjection.apply(db, { topic: 'billing', key: 'CP001', value: credit }, position);
  const [insert, mark] = db.statements;
  assert.match(insert?.text ?? '', /^INSERT INTO cdr_credits .* ON CONFLICT \(credit_id\) DO UPDATE SET /);
  assert.match(mark?.text ?? '', /^UPDATE cdrs SET credited_by/);
  assert.deepEqual(mark?.values, ['CDR-CP001-7']);
});

test('reset deletes every billing row', async () => {
  const db = recordingDb();
  await billingProjection.reset(db);
  assert.deepEqual(db.statements.map((s) => s.text), ['DELETE FROM session_costs', 'DELETE FROM cdr_credits', 'DELETE FROM cdrs']);
});
