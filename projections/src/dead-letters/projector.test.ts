import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeadLetter } from '@csms/contracts';
import { recordingDb } from '../test-recording-db.ts';
import { deadLettersProjection } from './projector.ts';

const letter: DeadLetter = {
  type: 'DeadLetter', consumer: 'projection:charge-points', sourceTopic: 'csms.config.charge-points', partition: 2, offset: '41',
  key: 'CP-R', value: Buffer.from([1]), error: 'still refused', at: 1_736_935_200_000, reason: 'DB_REFUSED',
};

test('a dead letter written again keeps an open row as it is, and reopens one already re-driven', async () => {
  const db = recordingDb();
  await deadLettersProjection.apply(db, { topic: 'deadLetter', key: 'x', value: letter }, { topic: 'deadLetter', partition: 0, offset: 9 });
  const [statement] = db.statements;
  assert.match(statement?.text ?? '', /ON CONFLICT \(id\) DO UPDATE SET .*redriven_at = EXCLUDED\.redriven_at.* WHERE dead_letters\.redriven_at IS NOT NULL$/);
  const text = statement?.text ?? '';
  const columns = text.slice(text.indexOf('(') + 1, text.indexOf(')')).split(', ');
  const value = (column: string) => statement?.values[columns.indexOf(column)];
  assert.deepEqual([value('redriven_at'), value('redriven_by'), value('redrive_outcome')], [null, null, null]);
  assert.equal(value('error'), 'still refused', 'the reopened letter says why it failed this time');
});

test('a re-drive that failed again notes its error only on a letter still open', async () => {
  const db = recordingDb();
  const failed = { type: 'DeadLetterRedriveFailed', deadLetterId: 'p/t/0/1', at: 5, by: 'api:key:abc', error: 'still refused' } as const;
  await deadLettersProjection.apply(db, { topic: 'deadLetter', key: 'p/t/0/1', value: failed }, { topic: 'deadLetter', partition: 0, offset: 10 });
  const [statement] = db.statements;
  assert.match(statement?.text ?? '', /^UPDATE dead_letters SET last_redrive_error = \$2, last_redrive_attempt_at = \$3 WHERE id = \$1 AND redriven_at IS NULL$/);
  assert.deepEqual(statement?.values, ['p/t/0/1', 'still refused', new Date(5)]);
});
