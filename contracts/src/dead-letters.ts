// A dead letter is named by who gave up on which record, so writing it twice (a crash between
// writing it and committing past it) names the same one.
export interface DeadLetterSource {
  /** `processors`, `projection:<name>`, `certificate-authority`. */
  readonly consumer: string;
  /** The real (prefixed) topic name. */
  readonly sourceTopic: string;
  readonly partition: number;
  readonly offset: string;
}

export function deadLetterId(source: DeadLetterSource): string {
  return `${source.consumer}/${source.sourceTopic}/${source.partition}/${source.offset}`;
}

/** What a dead letter's reason says; stable, for metrics and for operators' filters. A list, so metrics can start each at zero. */
export const DEAD_LETTER_REASONS = [
  'DECODE_FAILED', // the bytes are not a record of the topic's schema
  'DECIDE_FAILED', // a decider or projector threw: a bug, or a value it cannot handle
  'ENCODE_FAILED', // what it produced does not fit the output's schema
  'TOO_LARGE', // what it produced is larger than a Kafka record may be
  'DB_REFUSED', // PostgreSQL refused the row
  'UNHANDLED',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];
