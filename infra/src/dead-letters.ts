// The dead letter of a record a consumer gave up on: its bytes as they were, so it can be
// re-driven once a fix is deployed, why, and who gave up. Shared by every consumer that
// dead-letters (processors, projections, the certificate authority), so a record of a topic
// whose values are secrets is never copied out of it by any of them.
import {
  deadLetterId, isSecretTopic, MAX_RECORD_BYTES, type DeadLetter, type DeadLetterReason, type Serde, type TopicName,
} from '@csms/contracts';

const MAX_ERROR_CHARS = 4000;

/** The part of a consumed Kafka message a dead letter keeps. */
export interface ConsumedMessage {
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: string;
}

export interface DeadLetterInput {
  /** `processors`, `projection:<name>`, `certificate-authority`. */
  readonly consumer: string;
  /** The topic the record was consumed from, by its logical name. */
  readonly topic: TopicName;
  /** The real (prefixed) topic name. */
  readonly sourceTopic: string;
  readonly partition: number;
  readonly message: ConsumedMessage;
  readonly reason: DeadLetterReason;
  readonly error: unknown;
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

/** An error's name and stable code, without its text: a message may quote the value it choked on. */
function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  return 'code' in error && typeof error.code === 'string' ? `${error.name} ${error.code}` : error.name;
}

const SECRET_NOTE = '(a record of a topic whose values are secrets: neither its bytes nor the error\'s text are copied here; read it at its offset)';

export function deadLetterOf(input: DeadLetterInput): DeadLetter {
  const { message } = input;
  const secret = isSecretTopic(input.topic);
  return {
    type: 'DeadLetter', consumer: input.consumer, reason: input.reason, sourceTopic: input.sourceTopic,
    partition: input.partition, offset: message.offset, key: message.key?.toString('utf8') ?? null,
    value: secret ? Buffer.alloc(0) : (message.value ?? Buffer.alloc(0)),
    error: secret ? `${errorKind(input.error)}\n${SECRET_NOTE}` : errorText(input.error), at: Number(message.timestamp),
  };
}

/**
 * The dead letter as a Kafka message keyed by its id. One whose copy of the record would be
 * larger than a record may be keeps only the record's position (the record itself is still in its topic).
 */
export async function encodeDeadLetter(serde: Pick<Serde, 'encode'>, letter: DeadLetter): Promise<{ key: string; value: Buffer }> {
  const key = deadLetterId(letter);
  const value = await serde.encode('deadLetter', letter);
  if (value.length <= MAX_RECORD_BYTES) return { key, value };
  const error = `${letter.error}\n(the record's ${letter.value.length} bytes are not copied here; read them at its offset)`;
  return { key, value: await serde.encode('deadLetter', { ...letter, value: Buffer.alloc(0), error }) };
}
