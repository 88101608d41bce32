import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordingDb } from '../test-recording-db.ts';
import { cdrCorrection, cdrCredited, cdrIssued, sessionCost } from '../test-billing-events.ts';
import { T0 } from '../test-events.ts';
import { billingProjection } from './projector.ts';

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

test('a CDR is an upsert on its id that leaves credited_by to its credit', async () => {
  const db = recordingDb();
  await billingProjection.apply(db, { topic: 'billing', key: 'CP001', value: cdrIssued('CP001', 7, T0) }, position);
  const [insert] = db.statements;
  assert.match(insert?.text ?? '', /^INSERT INTO cdrs .* ON CONFLICT \(cdr_id\) DO UPDATE SET /);
  assert.doesNotMatch(insert?.text ?? '', /credited_by/);
  assert.ok(db.statements.every((s) => !s.text.startsWith('UPDATE cdrs')), 'a CDR marks nothing');
});

test("a Final CDR is then the session's cost; a Provisional one is not", async () => {
  const final = recordingDb();
  await billingProjection.apply(final, { topic: 'billing', key: 'CP001', value: cdrIssued('CP001', 7, T0) }, position);
  assert.deepEqual(final.statements.map((s) => s.text.split(' ', 3).join(' ')), ['INSERT INTO cdrs', 'INSERT INTO session_costs']);
  // Whatever running cost came before, even one priced to a reading stamped after the stop.
  assert.match(final.statements[1]?.text ?? '', /^INSERT INTO session_costs .* ON CONFLICT \(transaction_id\) DO UPDATE SET [^]*$/);
  assert.doesNotMatch(final.statements[1]?.text ?? '', /WHERE/);
  assert.equal(final.statements[1]?.values[0], 7);

  const provisional = recordingDb();
  await billingProjection.apply(provisional, {
    topic: 'billing', key: 'CP001', value: cdrIssued('CP001', 8, T0, { kind: 'Provisional' }),
  }, position);
  assert.deepEqual(provisional.statements.map((s) => s.text.split(' ', 3).join(' ')), ['INSERT INTO cdrs']);
});

test('a credit is an upsert on its id, then marks the CDR it cancels unless a credit already did', async () => {
  const db = recordingDb();
  const credited = cdrIssued('CP001', 7, T0);
  const credit = cdrCredited(credited, cdrCorrection(credited, T0 + 86_400_000, 20_000), T0 + 86_400_000);
  await billingProjection.apply(db, { topic: 'billing', key: 'CP001', value: credit }, position);
  const [insert, mark] = db.statements;
  assert.match(insert?.text ?? '', /^INSERT INTO cdr_credits .* ON CONFLICT \(credit_id\) DO UPDATE SET /);
  assert.equal(mark?.text, 'UPDATE cdrs SET credited_by = $1 WHERE cdr_id = $2 AND credited_by IS NULL');
  assert.deepEqual(mark?.values, [credit.creditId, 'CDR-CP001-7']);
});
