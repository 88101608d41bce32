// Folds csms.dead-letter into dead_letters. The first write of a dead letter wins, so a copy
// written after a re-drive (a crash replayed) does not reopen it.
import { defineProjection } from '../projection.ts';
import { run, upsert } from '../upsert.ts';
import { deadLetterRow, redrivenColumns, storableText } from './rows.ts';

export const deadLettersProjection = defineProjection({
  name: 'dead-letters',
  async reset(db) {
    await db.query('DELETE FROM dead_letters');
  },
  deadLetter: {
    DeadLetter: (db, letter) => run(db, upsert('dead_letters', deadLetterRow(letter), { key: ['id'], keepExisting: true })),
    DeadLetterRedriven: async (db, redriven) => {
      const columns = redrivenColumns(redriven);
      await db.query('UPDATE dead_letters SET redriven_at = $2, redriven_by = $3, redrive_outcome = $4 WHERE id = $1',
        [storableText(redriven.deadLetterId), columns.redriven_at, columns.redriven_by, columns.redrive_outcome]);
    },
  },
});
