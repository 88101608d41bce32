// How a re-drive closes a dead letter in dead_letters: the re-drive command locks the open row
// and marks it re-driven in the same transaction as the re-apply, so a crash, or a second
// operator at once, cannot apply the record twice; the dead-letters projection makes the same
// change when it reads the DeadLetterRedriven record written after that commit. A re-drive that
// failed again (DeadLetterRedriveFailed) only notes why on a letter still open.
import type { DeadLetterRedriveFailed, DeadLetterRedriven } from '@csms/contracts';
import type { Db } from '../db.ts';
import { storableText } from '../storable-text.ts';
import { redriveFailedColumns, redrivenColumns } from './rows.ts';

/**
 * Locks the dead letter's row for the rest of the transaction; false when it is not open (re-driven
 * meanwhile, perhaps by someone else whose transaction this one waited for, or not recorded).
 */
export async function lockOpenDeadLetter(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.query<{ open: boolean }>('SELECT redriven_at IS NULL AS open FROM dead_letters WHERE id = $1 FOR UPDATE', [id]);
  return rows[0]?.open === true;
}

export async function markRedriven(db: Db, redriven: DeadLetterRedriven): Promise<void> {
  const columns = redrivenColumns(redriven);
  await db.query(`UPDATE dead_letters SET redriven_at = $2, redriven_by = $3, redrive_outcome = $4, last_redrive_error = $5,
    last_redrive_attempt_at = $6 WHERE id = $1`, [
    storableText(redriven.deadLetterId), columns.redriven_at, columns.redriven_by, columns.redrive_outcome, columns.last_redrive_error,
    columns.last_redrive_attempt_at,
  ]);
}

/**
 * Only while the letter is open: a failure written after someone else's re-drive succeeded (two
 * tries at once, the CLI's and the api's) would otherwise show an error on a letter that is done.
 * csms.dead-letter has one partition, so a rebuild meets them in the same order and agrees.
 */
export async function markRedriveFailed(db: Db, failed: DeadLetterRedriveFailed): Promise<void> {
  const columns = redriveFailedColumns(failed);
  await db.query('UPDATE dead_letters SET last_redrive_error = $2, last_redrive_attempt_at = $3 WHERE id = $1 AND redriven_at IS NULL',
    [storableText(failed.deadLetterId), columns.last_redrive_error, columns.last_redrive_attempt_at]);
}
