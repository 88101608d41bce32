// The dead_letters row of a DeadLetter, and the change a DeadLetterRedriven makes.
import { deadLetterId, type DeadLetter, type DeadLetterRedriven } from '@csms/contracts';
import { toDate } from '../db.ts';

/**
 * A dead letter's text may quote the very value that was refused; PostgreSQL refuses NUL in
 * text, and this read model must take anything.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\\u0000');
}

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
    redriven_at: toDate(redriven.at), redriven_by: redriven.by === null ? null : storableText(redriven.by),
    redrive_outcome: storableText(redriven.outcome),
  };
}
