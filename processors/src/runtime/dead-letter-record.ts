// The dead letter of a source record the processors gave up on: its bytes as they were, so it
// can be re-driven once a fix is deployed, and why.
import { deadLetterId, type DeadLetter, type DeadLetterReason, type Serde } from '@csms/contracts';
import type { KafkaMessage } from 'kafkajs';
import { encodeMessage, RecordTooLargeError, type EncodedMessage } from './batch-outputs.ts';

const MAX_ERROR_CHARS = 4000;

export interface DeadLetterInput {
  readonly consumer: string;
  /** The real (prefixed) topic name. */
  readonly sourceTopic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly reason: DeadLetterReason;
  readonly error: unknown;
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

export function deadLetterOf(input: DeadLetterInput): DeadLetter {
  const { message } = input;
  return {
    type: 'DeadLetter', consumer: input.consumer, reason: input.reason, sourceTopic: input.sourceTopic,
    partition: input.partition, offset: message.offset, key: message.key?.toString('utf8') ?? null,
    value: message.value ?? Buffer.alloc(0), error: errorText(input.error), at: Number(message.timestamp),
  };
}

/** Keyed by its id; a record too large to be copied whole keeps its position only. */
export async function encodeDeadLetter(serde: Serde, letter: DeadLetter): Promise<EncodedMessage> {
  const id = deadLetterId(letter);
  try {
    return await encodeMessage(serde, 'deadLetter', id, letter);
  } catch (error) {
    if (!(error instanceof RecordTooLargeError)) throw error;
    const error_ = `${letter.error}\n(the record's ${letter.value.length} bytes are not copied here; read them at its offset)`;
    return encodeMessage(serde, 'deadLetter', id, { ...letter, value: Buffer.alloc(0), error: error_ });
  }
}
