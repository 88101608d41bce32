// The dead_letters row of a DeadLetter, and the changes a DeadLetterRedriven and a
// DeadLetterRedriveFailed make.
// A dead letter's text may quote the very value that was refused, and this read model must take
// anything: its text goes through the read models' one rule for what PostgreSQL cannot store.
import { deadLetterId, type DeadLetter, type DeadLetterRedriveFailed, type DeadLetterRedriven } from '@csms/contracts';
import { toDate } from '../db.ts';
import { storableText } from '../storable-text.ts';

export function deadLetterRow(letter: DeadLetter): Record<string, unknown> {
  return {
    id: storableText(deadLetterId(letter)), consumer: storableText(letter.consumer), source_topic: storableText(letter.sourceTopic),
    source_partition: letter.partition, source_offset: letter.offset,
    record_key: letter.key === null ? null : storableText(letter.key), reason: storableText(letter.reason),
    error: storableText(letter.error), recorded_at: toDate(letter.at), value: letter.value,
  };
}

/** The row of a dead letter as it is (re)opened: no re-drive recorded, its new error the one to read. */
export function reopenedRow(letter: DeadLetter): Record<string, unknown> {
  return {
    ...deadLetterRow(letter), redriven_at: null, redriven_by: null, redrive_outcome: null, last_redrive_error: null, last_redrive_attempt_at: null,
  };
}

/** A re-drive that succeeded was the last attempt: an earlier failure's error no longer says anything about it. */
export function redrivenColumns(redriven: DeadLetterRedriven): Record<string, unknown> {
  return {
    redriven_at: toDate(redriven.at), redriven_by: storableText(redriven.by),
    redrive_outcome: storableText(redriven.outcome), last_redrive_error: null, last_redrive_attempt_at: toDate(redriven.at),
  };
}

export function redriveFailedColumns(failed: DeadLetterRedriveFailed): Record<string, unknown> {
  return { last_redrive_error: storableText(failed.error), last_redrive_attempt_at: toDate(failed.at) };
}
