// Folds csms.dead-letter into dead_letters. A dead letter written again while its row is open (a
// crash between writing it and committing past its record) changes nothing: the first write wins.
// One written again after its DeadLetterRedriven reopens it, with the new error: its record failed
// once more after the re-drive (a rebuild replaying it, or the crash copy of a re-driven record).
// A re-drive that failed again notes its error on the open row (redrive-marks.ts).
// csms.dead-letter has one partition, so a replay meets them in the same order and rebuilds the same rows.
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { markRedriveFailed, markRedriven } from './redrive-marks.ts';
import { reopenedRow } from './rows.ts';

export const deadLettersProjection = defineProjection({
  name: 'dead-letters',
  tables: ['dead_letters'],
  deadLetter: {
    DeadLetter: (db, letter) => db.write(upsert('dead_letters', reopenedRow(letter), { key: ['id'], where: 'dead_letters.redriven_at IS NOT NULL' })),
    DeadLetterRedriven: markRedriven,
    DeadLetterRedriveFailed: markRedriveFailed,
  },
});
