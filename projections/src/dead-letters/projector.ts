// Folds csms.dead-letter into dead_letters. The first write of a dead letter wins, so a copy
// written after a re-drive (a crash replayed) does not reopen it.
import { defineProjection } from '../projection.ts';
import { run, upsert } from '../upsert.ts';
import { markRedriven } from './redrive-marks.ts';
import { deadLetterRow } from './rows.ts';

export const deadLettersProjection = defineProjection({
  name: 'dead-letters',
  async reset(db) {
    await db.query('DELETE FROM dead_letters');
  },
  deadLetter: {
    DeadLetter: (db, letter) => run(db, upsert('dead_letters', deadLetterRow(letter), { key: ['id'], keepExisting: true })),
    DeadLetterRedriven: markRedriven,
  },
});
