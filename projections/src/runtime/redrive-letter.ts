// One dead letter handled again (`npm run redrive`). A projection's is applied again by that
// projection; a processors' (or any Kafka consumer's) is appended again to its source topic,
// marked with a `csms-redrive-of` header for audit and analytics. Either way the letter's row is
// locked first and marked re-driven in the same PostgreSQL transaction as the re-apply, so a
// crash in between, or two operators at once, cannot handle the record twice; the
// DeadLetterRedriven record goes to csms.dead-letter after that commit, for the audit trail and
// for rebuilds of the dead-letters read model.
import { topicName, type DeadLetterRedriven, type Serde } from '@csms/contracts';
import type { MessageSender } from '@csms/infra';
import type { Db } from '../db.ts';
import { lockOpenDeadLetter, markRedriven } from '../dead-letters/redrive-marks.ts';
import type { StoredDeadLetter } from '../dead-letters/queries.ts';
import type { ProjectedTopic, Projection, ProjectionName } from '../projection.ts';
import { StatementBatch } from '../statement-batch.ts';
import { decodeRecord } from './decode.ts';
import { lockProjection } from './offsets.ts';

export interface RedriveOptions {
  /** Runs `work` in one database transaction. */
  readonly transaction: <T>(work: (db: Db) => Promise<T>) => Promise<T>;
  /** The service's idempotent producer: a send kafkajs retries is not appended twice. */
  readonly producer: MessageSender;
  readonly serde: Pick<Serde, 'decode' | 'encode'>;
  readonly topicPrefix: string;
  readonly findProjection: (name: string) => Projection | undefined;
  /** Who re-drives: `cli:<user>`. */
  readonly by: string;
  readonly clock: () => number;
}

export type RedriveResult = 'Applied' | 'Reappended' | 'NotOpen';

const PROJECTION_PREFIX = 'projection:';

function logicalTopic(letter: StoredDeadLetter, topicPrefix: string, topics: readonly ProjectedTopic[]): ProjectedTopic {
  const topic = topics.find((t) => topicName(t, topicPrefix) === letter.sourceTopic);
  if (topic === undefined) throw new Error(`${letter.sourceTopic} is not a topic of ${letter.consumer}`);
  return topic;
}

/** How long a re-drive waits for a projection's lock: live batches hold it for moments, a rebuild for minutes. */
const LOCK_WAIT_MS = 5_000;

/**
 * The projections a re-drive writes, locked in name order (as a rebuild takes them): the letter's
 * own, if a projection's, and dead-letters, whose row it marks. Refused while one is being rebuilt:
 * the rebuild's swap would replace what the re-drive wrote.
 */
async function lockWritten(db: Db, projections: readonly ProjectionName[]): Promise<void> {
  await db.query(`SET LOCAL lock_timeout = ${LOCK_WAIT_MS}`);
  for (const name of [...new Set(projections)].sort()) {
    try {
      await lockProjection(db, name);
    } catch (error) {
      if ((error as { code?: unknown }).code !== '55P03') throw error;
      throw new Error(`${name} is being rebuilt (its lock was held for ${LOCK_WAIT_MS / 1000} s): re-drive once the rebuild is done`, { cause: error });
    }
  }
  await db.query('SET LOCAL lock_timeout TO DEFAULT');
}

/** The work of a projection's letter inside the transaction: the locks, then the letter's row, then the record. */
async function reapply(options: RedriveOptions, letter: StoredDeadLetter): Promise<(db: Db) => Promise<boolean>> {
  const projection = options.findProjection(letter.consumer.slice(PROJECTION_PREFIX.length));
  if (projection === undefined) throw new Error(`no projection for ${letter.consumer}`);
  const topic = logicalTopic(letter, options.topicPrefix, projection.topics);
  const message = { offset: letter.offset, key: letter.key === null ? null : Buffer.from(letter.key), value: letter.value };
  const record = await decodeRecord(options.serde, topic, message);
  return async (db) => {
    // In the order the live consumer takes them (the projection's lock, then rows), so neither waits on the other for ever.
    await lockWritten(db, [projection.name, 'dead-letters']);
    if (!(await lockOpenDeadLetter(db, letter.id))) return false;
    // One record, written as in a careful try (statement-batch.ts).
    const writes = new StatementBatch(db, { multiRow: false });
    await projection.apply(writes, record, { topic, partition: letter.partition, offset: Number(letter.offset) });
    await writes.flush();
    return true;
  };
}

/**
 * The work of a processors' letter: appended again while its row is locked. A failure to commit
 * after the append leaves the letter open, and a second re-drive appends it again; processors
 * take a transaction message twice without harm (business keys), other records may not.
 */
function reappend(options: RedriveOptions, letter: StoredDeadLetter): (db: Db) => Promise<boolean> {
  return async (db) => {
    await lockWritten(db, ['dead-letters']);
    if (!(await lockOpenDeadLetter(db, letter.id))) return false;
    await options.producer.send([{ topic: letter.sourceTopic, key: letter.key, value: letter.value, headers: { 'csms-redrive-of': letter.id } }]);
    return true;
  };
}

export async function redriveLetter(options: RedriveOptions, letter: StoredDeadLetter): Promise<RedriveResult> {
  if (letter.valueBytes === 0) {
    throw new Error('the dead letter holds no copy of the record (too large, or a secret); re-drive it by hand from its offset');
  }
  const isProjection = letter.consumer.startsWith(PROJECTION_PREFIX);
  const outcome = isProjection ? 'Applied' : 'Reappended';
  const redriven: DeadLetterRedriven = { type: 'DeadLetterRedriven', deadLetterId: letter.id, at: options.clock(), by: options.by, outcome };
  const work = isProjection ? await reapply(options, letter) : reappend(options, letter);
  const handled = await options.transaction(async (db) => {
    if (!(await work(db))) return false;
    await markRedriven(db, redriven);
    return true;
  });
  if (!handled) return 'NotOpen';
  try {
    await options.producer.send([{ topic: topicName('deadLetter', options.topicPrefix), key: letter.id, value: await options.serde.encode('deadLetter', redriven) }]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${outcome}, but its DeadLetterRedriven record was not written (a rebuild of dead-letters would show it open): ${reason}`,
      { cause: error });
  }
  return outcome;
}
