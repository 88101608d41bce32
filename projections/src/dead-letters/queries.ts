// Reads of dead_letters, for operators (GET /dead-letters) and the re-drive command.
import { toIso, type Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';
import { whereOf, type Where } from '../where.ts';

export type DeadLetterStatus = 'open' | 'redriven';

export interface DeadLetterView {
  readonly id: string;
  readonly consumer: string;
  readonly sourceTopic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly reason: string;
  readonly error: string;
  readonly recordedAt: string;
  /** Size of the record as it was set aside (its bytes are kept for the re-drive, not shown). */
  readonly valueBytes: number;
  readonly status: DeadLetterStatus;
  readonly redrivenAt: string | null;
  readonly redrivenBy: string | null;
  readonly redriveOutcome: string | null;
  /** Why the last re-drive asked for through the api failed; null once one succeeds. */
  readonly lastRedriveError: string | null;
  readonly lastRedriveAttemptAt: string | null;
}

export interface StoredDeadLetter extends DeadLetterView {
  readonly value: Buffer;
}

interface DeadLetterRow {
  id: string; consumer: string; source_topic: string; source_partition: number; source_offset: string; record_key: string | null;
  reason: string; error: string; recorded_at: Date; value: Buffer; redriven_at: Date | null; redriven_by: string | null;
  redrive_outcome: string | null; last_redrive_error: string | null; last_redrive_attempt_at: Date | null;
}

function toView(row: DeadLetterRow): StoredDeadLetter {
  return {
    id: row.id, consumer: row.consumer, sourceTopic: row.source_topic, partition: row.source_partition, offset: String(row.source_offset),
    key: row.record_key, reason: row.reason, error: row.error, recordedAt: row.recorded_at.toISOString(), valueBytes: row.value.length,
    status: row.redriven_at === null ? 'open' : 'redriven', redrivenAt: toIso(row.redriven_at), redrivenBy: row.redriven_by,
    redriveOutcome: row.redrive_outcome, lastRedriveError: row.last_redrive_error, lastRedriveAttemptAt: toIso(row.last_redrive_attempt_at),
    value: row.value,
  };
}

function withoutValue({ value: _value, ...view }: StoredDeadLetter): DeadLetterView {
  return view;
}

export interface DeadLetterFilter extends PageRequest {
  readonly consumer?: string;
  readonly status?: DeadLetterStatus;
  readonly reason?: string;
}

/** The WHERE clause of a filter (pure, for tests); `status` is whether a re-drive happened. */
export function deadLetterWhere(filter: Omit<DeadLetterFilter, 'limit' | 'offset'>): Where {
  const redriven = filter.status === undefined ? undefined : filter.status === 'redriven';
  return whereOf([['consumer = ?', filter.consumer], ['reason = ?', filter.reason], ['(redriven_at IS NOT NULL) = ?', redriven]]);
}

/** Newest first. */
export async function listDeadLetters(db: Db, filter: DeadLetterFilter): Promise<Page<DeadLetterView>> {
  const { sql: text, values } = deadLetterWhere(filter);
  const [{ rows }, count] = await Promise.all([
    db.query<DeadLetterRow>(`SELECT * FROM dead_letters ${text} ORDER BY recorded_at DESC, id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, filter.limit, filter.offset]),
    db.query<{ total: string }>(`SELECT count(*) AS total FROM dead_letters ${text}`, values),
  ]);
  return { items: rows.map((row) => withoutValue(toView(row))), total: Number(count.rows[0]?.total ?? 0) };
}

/** One dead letter, open or not, without its bytes. */
export async function findDeadLetter(db: Db, id: string): Promise<DeadLetterView | undefined> {
  const { rows } = await db.query<DeadLetterRow>('SELECT * FROM dead_letters WHERE id = $1', [id]);
  return rows[0] === undefined ? undefined : withoutValue(toView(rows[0]));
}

/** Open dead letters with their bytes, oldest first: by id, or all of one consumer, or all. */
export async function openDeadLetters(db: Db, select: { ids?: readonly string[]; consumer?: string }): Promise<StoredDeadLetter[]> {
  const { sql, values } = whereOf([['(redriven_at IS NULL) = ?', true], ['id = ANY(?)', select.ids], ['consumer = ?', select.consumer]]);
  const { rows } = await db.query<DeadLetterRow>(`SELECT * FROM dead_letters ${sql} ORDER BY recorded_at, source_partition, source_offset`, values);
  return rows.map(toView);
}

/** The ids of the letters not yet re-driven that these consumers (`projection:<name>`…) set aside. */
export async function openDeadLetterIdsOf(db: Db, consumers: readonly string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM dead_letters WHERE consumer = ANY($1) AND redriven_at IS NULL', [consumers]);
  return new Set(rows.map((row) => row.id));
}

/** Letters not yet re-driven, by the consumer that set them aside; a consumer with none is absent. */
export async function openDeadLetterCounts(db: Db): Promise<Map<string, number>> {
  const { rows } = await db.query<{ consumer: string; open: string }>(
    'SELECT consumer, count(*) AS open FROM dead_letters WHERE redriven_at IS NULL GROUP BY consumer',
  );
  return new Map(rows.map((row) => [row.consumer, Number(row.open)]));
}
