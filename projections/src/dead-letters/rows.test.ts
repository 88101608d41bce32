import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeadLetter } from '@csms/contracts';
import { deadLetterRow, redriveFailedColumns, redrivenColumns } from './rows.ts';

const letter: DeadLetter = {
  type: 'DeadLetter', consumer: 'projection:charge-points', sourceTopic: 'csms.config.charge-points', partition: 2, offset: '41',
  key: 'x', value: Buffer.from([1, 2, 3]), error: 'invalid byte sequence for encoding "UTF8": 0x00 in "a\u0000b"', at: 1_736_935_200_000,
  reason: 'DB_REFUSED',
};

test('a dead letter row is keyed by its id and keeps the record\'s bytes, whatever its text holds', () => {
  const row = deadLetterRow(letter);
  assert.equal(row.id, 'projection:charge-points/csms.config.charge-points/2/41');
  assert.deepEqual(row.value, Buffer.from([1, 2, 3]));
  assert.equal(String(row.error).includes('\u0000'), false, 'PostgreSQL refuses NUL in text');
  assert.match(String(row.error), /a\uFFFDb/, 'the read models\' one rule: U+FFFD, as for every other text');
  assert.deepEqual(row.recorded_at, new Date(1_736_935_200_000));
});

test('a re-drive records when, by whom and how', () => {
  assert.deepEqual(redrivenColumns({ type: 'DeadLetterRedriven', deadLetterId: 'p/t/0/1', at: 0, by: 'key:abc', outcome: 'Applied' }), {
    redriven_at: new Date(0), redriven_by: 'key:abc', redrive_outcome: 'Applied', last_redrive_error: null, last_redrive_attempt_at: new Date(0),
  });
});

test('a re-drive that succeeds clears the error of one that failed before; one that fails says why and when', () => {
  assert.deepEqual(redriveFailedColumns({ type: 'DeadLetterRedriveFailed', deadLetterId: 'p/t/0/1', at: 5, by: 'api:key:abc', error: 'refused\u0000' }), {
    last_redrive_error: 'refused\uFFFD', last_redrive_attempt_at: new Date(5),
  });
  const redriven = redrivenColumns({ type: 'DeadLetterRedriven', deadLetterId: 'p/t/0/1', at: 9, by: 'api:key:abc', outcome: 'Applied' });
  assert.deepEqual([redriven.last_redrive_error, redriven.last_redrive_attempt_at], [null, new Date(9)]);
});
