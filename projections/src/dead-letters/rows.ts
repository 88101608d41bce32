// The dead_letters row of a DeadLetter, and the change a DeadLetterRedriven makes.
// A dead letter's text may quote the very value that was refused, and this read model must take
// anything: its text goes through the read models' one rule for what PostgreSQL cannot store.
import { deadLetterId, type DeadLetter, type DeadLetterRedriven } from '@csms/contracts';
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

/** The row of a dead letter as it is (re)opened: no re-drive recorded. */
export function reopenedRow(letter: DeadLetter): Record<string, unknown> {
  return { ...deadLetterRow(letter), redriven_at: null, redriven_by: null, redrive_outcome: null };
}

export function redrivenColumns(redriven: DeadLetterRedriven): Record<string, unknown> {
  return {
    redriven_at: toDate(redriven.at), redriven_by: storableText(redriven.by),
    redrive_outcome: storableText(redriven.outcome),
  };
}
