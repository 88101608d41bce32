// Applies the records of one topic partition that the projection has not applied yet, then
// moves its stored offset; the caller wraps this in the database transaction. Records below
// the stored offset (redelivered after a crash, a rebalance or a seek) are skipped.
//
// No record may stop its partition. A batch is first applied as a whole; when a record fails
// (a row PostgreSQL refuses, a projector that throws) the caller rolls back and applies the
// batch again carefully: each record in a savepoint of its own, tried a bounded number of
// times, then returned as a dead letter while the rest goes on. Transient failures (the
// database away or busy) are thrown, so the whole batch is tried again later.
import { isTransientError, deadLetterOf, type ConsumedMessage } from '@csms/infra';
import type { DeadLetter, DeadLetterReason, Serde } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { ProjectedTopic, Projection, ProjectionRecord } from '../projection.ts';
import { decodeRecord } from './decode.ts';
import { readNextOffset, saveNextOffset } from './offsets.ts';

export interface PartitionBatch {
  readonly topic: ProjectedTopic;
  /** The topic's real (prefixed) name, as stored in projection_offsets. */
  readonly topicName: string;
  readonly partition: number;
  readonly messages: readonly ConsumedMessage[];
  /** The offset after this batch: past its last record, and past control records that follow. */
  readonly nextOffset: number;
}

export interface ApplyOptions {
  readonly serde: Pick<Serde, 'decode'>;
  /** Each record in a savepoint of its own, a failing one set aside; otherwise a failure throws. */
  readonly careful: boolean;
  /** Tries at a failing record, in careful mode, before it is set aside. */
  readonly maxAttempts: number;
}

export interface BatchResult {
  readonly applied: number;
  readonly deadLetters: readonly DeadLetter[];
}

/** A record failed in a batch applied as a whole: the caller applies the batch again carefully. */
export class RecordFailedError extends Error {
  readonly code = 'RECORD_FAILED';
  readonly retriable = false;
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly reason: DeadLetterReason; readonly error: unknown };

/** PostgreSQL said no to the row (it carries an SQLSTATE), or our code threw. */
function reasonOf(error: unknown): DeadLetterReason {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? 'DB_REFUSED' : 'DECIDE_FAILED';
}

async function inSavepoint(db: Db, work: () => Promise<void>): Promise<void> {
  await db.query('SAVEPOINT projection_record');
  try {
    await work();
  } catch (error) {
    await db.query('ROLLBACK TO SAVEPOINT projection_record');
    throw error;
  }
  await db.query('RELEASE SAVEPOINT projection_record');
}

async function applyOne(db: Db, projection: Projection, batch: PartitionBatch, message: ConsumedMessage, options: ApplyOptions): Promise<Outcome> {
  let record: ProjectionRecord;
  try {
    record = await decodeRecord(options.serde, batch.topic, message);
  } catch (error) {
    if (isTransientError(error)) throw error;
    return { ok: false, reason: 'DECODE_FAILED', error };
  }
  const position = { topic: batch.topic, partition: batch.partition, offset: Number(message.offset) };
  if (!options.careful) {
    try {
      await projection.apply(db, record, position);
      return { ok: true };
    } catch (error) {
      if (isTransientError(error)) throw error;
      throw new RecordFailedError(`${batch.topicName}/${batch.partition}/${message.offset} failed`, { cause: error });
    }
  }
  let last: unknown;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    try {
      await inSavepoint(db, () => projection.apply(db, record, position));
      return { ok: true };
    } catch (error) {
      if (isTransientError(error)) throw error;
      last = error;
    }
  }
  return { ok: false, reason: reasonOf(last), error: last };
}

export async function applyBatch(db: Db, projection: Projection, batch: PartitionBatch, options: ApplyOptions): Promise<BatchResult> {
  const stored = await readNextOffset(db, projection.name, batch.topicName, batch.partition);
  let applied = 0;
  const deadLetters: DeadLetter[] = [];
  for (const message of batch.messages) {
    if (Number(message.offset) < stored) continue;
    const outcome = await applyOne(db, projection, batch, message, options);
    if (outcome.ok) {
      applied += 1;
      continue;
    }
    deadLetters.push(deadLetterOf({
      consumer: `projection:${projection.name}`, topic: batch.topic, sourceTopic: batch.topicName, partition: batch.partition, message,
      reason: outcome.reason, error: outcome.error,
    }));
  }
  if (batch.nextOffset > stored) {
    await saveNextOffset(db, projection.name, batch.topicName, batch.partition, batch.nextOffset);
  }
  return { applied, deadLetters };
}

/**
 * The batch as a whole when every record goes through (the usual case, cheapest), else again
 * carefully; inside the caller's transaction, under a savepoint so the whole attempt can be undone.
 */
export async function applyBatchSafely(
  db: Db, projection: Projection, batch: PartitionBatch, options: Omit<ApplyOptions, 'careful'>,
): Promise<BatchResult> {
  await db.query('SAVEPOINT projection_batch');
  try {
    const result = await applyBatch(db, projection, batch, { ...options, careful: false });
    await db.query('RELEASE SAVEPOINT projection_batch');
    return result;
  } catch (error) {
    if (!(error instanceof RecordFailedError)) throw error;
    await db.query('ROLLBACK TO SAVEPOINT projection_batch');
    return applyBatch(db, projection, batch, { ...options, careful: true });
  }
}
