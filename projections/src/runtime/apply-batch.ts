// Applies the records of one topic partition to every projection that folds the topic, each
// from its own stored offset, then moves their stored offsets; the caller wraps this in the
// database transaction. A record is decoded once, whatever the number of projections. Records
// below a projection's offset (redelivered after a crash, a rebalance or a seek) are skipped.
//
// Projectors' writes are held and sent together (StatementBatch): once for the whole batch,
// upserts of one shape as multi-row INSERTs, or once per record, as written, when applied carefully.
//
// No record may stop its partition. A batch is first applied as a whole; when a record fails
// (a row PostgreSQL refuses, a projector that throws) the caller rolls back and applies the
// batch again carefully: each record in a savepoint of its own, tried a bounded number of
// times, then returned as a dead letter of that projection while the rest goes on. Transient
// failures (the database away or busy) are thrown, so the whole batch is tried again later.
import { isTransientError, deadLetterOf, type ConsumedMessage } from '@csms/infra';
import type { DeadLetter, DeadLetterReason, Serde } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Position, ProjectedTopic, Projection, ProjectionName, ProjectionRecord } from '../projection.ts';
import { StatementBatch } from '../statement-batch.ts';
import { decodeRecord } from './decode.ts';
import { saveNextOffsets } from './offsets.ts';

export interface PartitionBatch {
  readonly topic: ProjectedTopic;
  /** The topic's real (prefixed) name, as stored in projection_offsets. */
  readonly topicName: string;
  readonly partition: number;
  readonly messages: readonly ConsumedMessage[];
  /** The offset after this batch: past its last record, and past control records that follow. */
  readonly nextOffset: number;
}

/** A projection to write in this batch, and the offset it has reached in the batch's partition. */
export interface BatchTarget {
  readonly projection: Projection;
  readonly from: number;
}

export interface ApplyOptions {
  readonly serde: Pick<Serde, 'decode'>;
  /** Each record in a savepoint of its own, a failing one set aside; otherwise a failure throws. */
  readonly careful: boolean;
  /** Tries at a failing record, in careful mode, before it is set aside. */
  readonly maxAttempts: number;
}

export interface BatchResult {
  /** Records each projection applied. */
  readonly applied: ReadonlyMap<ProjectionName, number>;
  readonly deadLetters: readonly DeadLetter[];
  /** The Kafka timestamps (epoch ms) of the records some projection applied: how fresh the read models are. */
  readonly appliedTimestamps: readonly number[];
}

/** A record failed in a batch applied as a whole: the caller applies the batch again carefully. */
export class RecordFailedError extends Error {
  readonly code = 'RECORD_FAILED';
  readonly retriable = false;
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly reason: DeadLetterReason; readonly error: unknown };
type Decoded = { readonly ok: true; readonly record: ProjectionRecord } | { readonly ok: false; readonly error: unknown };

/** PostgreSQL said no to the row (it carries an SQLSTATE), or our code threw. */
function reasonOf(error: unknown): DeadLetterReason {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? 'DB_REFUSED' : 'DECIDE_FAILED';
}

/** The record's writes sent and kept, or undone as a whole. */
async function inSavepoint(writes: StatementBatch, work: () => Promise<void>): Promise<void> {
  await writes.query('SAVEPOINT projection_record');
  try {
    await work();
    await writes.flush();
  } catch (error) {
    writes.discard();
    await writes.query('ROLLBACK TO SAVEPOINT projection_record');
    throw error;
  }
  await writes.query('RELEASE SAVEPOINT projection_record');
}

/** A statement failed in a batch applied as a whole: which record wrote it is not known here. */
function batchFailed(error: unknown, batch: PartitionBatch): never {
  if (isTransientError(error)) throw error;
  throw new RecordFailedError(`a write of ${batch.topic}/${batch.partition} up to offset ${batch.nextOffset - 1} failed`, { cause: error });
}

async function decode(batch: PartitionBatch, message: ConsumedMessage, options: ApplyOptions): Promise<Decoded> {
  try {
    return { ok: true, record: await decodeRecord(options.serde, batch.topic, message) };
  } catch (error) {
    if (isTransientError(error)) throw error;
    return { ok: false, error };
  }
}

async function applyOne(
  writes: StatementBatch, projection: Projection, record: ProjectionRecord, position: Position, options: ApplyOptions,
): Promise<Outcome> {
  if (!options.careful) {
    try {
      await projection.apply(writes, record, position);
      return { ok: true };
    } catch (error) {
      if (isTransientError(error)) throw error;
      throw new RecordFailedError(`${projection.name} failed at ${position.topic}/${position.partition}/${position.offset} (or a write held before it)`,
        { cause: error });
    }
  }
  let last: unknown;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    try {
      await inSavepoint(writes, () => projection.apply(writes, record, position));
      return { ok: true };
    } catch (error) {
      if (isTransientError(error)) throw error;
      last = error;
    }
  }
  return { ok: false, reason: reasonOf(last), error: last };
}

export async function applyBatch(db: Db, targets: readonly BatchTarget[], batch: PartitionBatch, options: ApplyOptions): Promise<BatchResult> {
  const applied = new Map<ProjectionName, number>(targets.map((target) => [target.projection.name, 0]));
  const deadLetters: DeadLetter[] = [];
  const appliedTimestamps: number[] = [];
  const writes = new StatementBatch(db, { multiRow: !options.careful });
  for (const message of batch.messages) {
    const position = { topic: batch.topic, partition: batch.partition, offset: Number(message.offset) };
    const due = targets.filter((target) => position.offset >= target.from);
    if (due.length === 0) continue;
    const decoded = await decode(batch, message, options);
    let appliedByAny = false;
    for (const { projection } of due) {
      const outcome: Outcome = decoded.ok
        ? await applyOne(writes, projection, decoded.record, position, options)
        : { ok: false, reason: 'DECODE_FAILED', error: decoded.error };
      if (outcome.ok) {
        applied.set(projection.name, (applied.get(projection.name) ?? 0) + 1);
        appliedByAny = true;
        continue;
      }
      deadLetters.push(deadLetterOf({
        consumer: `projection:${projection.name}`, topic: batch.topic, sourceTopic: batch.topicName, partition: batch.partition, message,
        reason: outcome.reason, error: outcome.error,
      }));
    }
    if (appliedByAny) appliedTimestamps.push(Number(message.timestamp));
  }
  await writes.flush().catch((error: unknown) => batchFailed(error, batch));
  const moved = targets.filter((target) => batch.nextOffset > target.from).map((target) => target.projection.name);
  await saveNextOffsets(db, moved, batch.topicName, batch.partition, batch.nextOffset);
  return { applied, deadLetters, appliedTimestamps };
}

/**
 * The batch as a whole when every record goes through (the usual case, cheapest), else again
 * carefully; inside the caller's transaction, under a savepoint so the whole attempt can be undone.
 */
export async function applyBatchSafely(
  db: Db, targets: readonly BatchTarget[], batch: PartitionBatch, options: Omit<ApplyOptions, 'careful'>,
): Promise<BatchResult> {
  await db.query('SAVEPOINT projection_batch');
  try {
    const result = await applyBatch(db, targets, batch, { ...options, careful: false });
    await db.query('RELEASE SAVEPOINT projection_batch');
    return result;
  } catch (error) {
    if (!(error instanceof RecordFailedError)) throw error;
    await db.query('ROLLBACK TO SAVEPOINT projection_batch');
    return applyBatch(db, targets, batch, { ...options, careful: true });
  }
}
