// projection_offsets: the next offset each projection applies, per topic partition. Written in
// the same transaction as the rows, so PostgreSQL alone says how far a projection has got.
import type { Db } from '../db.ts';
import type { ProjectionName } from '../projection.ts';

/** Every named projection's next offset in one topic partition; 0 for one that has none yet. */
export async function readNextOffsets(
  db: Db, projections: readonly ProjectionName[], topic: string, partition: number,
): Promise<Map<ProjectionName, number>> {
  const { rows } = await db.query<{ projection: ProjectionName; next_offset: number }>(
    'SELECT projection, next_offset FROM projection_offsets WHERE projection = ANY($1::text[]) AND topic = $2 AND partition = $3',
    [projections, topic, partition],
  );
  const stored = new Map<ProjectionName, number>(projections.map((name) => [name, 0]));
  for (const row of rows) stored.set(row.projection, Number(row.next_offset));
  return stored;
}

/**
 * Per partition, the next offset of the furthest-behind of `projections` in `topic` (0 for one
 * with none stored): where the topic's lag is counted from.
 */
export async function slowestNextOffsets(
  db: Db, projections: readonly ProjectionName[], topic: string, partitions: readonly number[],
): Promise<Map<number, bigint>> {
  const { rows } = await db.query<{ partition: number; next_offset: string }>(
    `SELECT p.partition, min(coalesce(o.next_offset, 0)) AS next_offset
       FROM unnest($3::int[]) AS p(partition) CROSS JOIN unnest($1::text[]) AS n(projection)
       LEFT JOIN projection_offsets o ON o.projection = n.projection AND o.topic = $2 AND o.partition = p.partition
      GROUP BY p.partition`,
    [projections, topic, partitions],
  );
  return new Map(rows.map((row) => [row.partition, BigInt(row.next_offset)]));
}

/** Moves the named projections to one next offset in one statement. */
export async function saveNextOffsets(
  db: Db, projections: readonly ProjectionName[], topic: string, partition: number, nextOffset: number,
): Promise<void> {
  if (projections.length === 0) return;
  await db.query(
    `INSERT INTO projection_offsets (projection, topic, partition, next_offset)
       SELECT projection, $2, $3, $4 FROM unnest($1::text[]) AS projection
     ON CONFLICT (projection, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset`,
    [projections, topic, partition, nextOffset],
  );
}

export async function deleteOffsets(db: Db, projection: ProjectionName): Promise<void> {
  await db.query('DELETE FROM projection_offsets WHERE projection = $1', [projection]);
}

const lockKey = "hashtext('csms-projection:' || name)";

/**
 * A re-drive owns a projection for the rest of its transaction: it waits for the
 * live consumer's batches in flight, and the live consumer leaves the projection alone meanwhile.
 */
export async function lockProjection(db: Db, projection: ProjectionName): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(${lockKey}) FROM (SELECT $1::text AS name) AS p`, [projection]);
}

/**
 * A rebuild owns a projection until its session ends, across the many transactions it commits:
 * the same lock as above, so the live consumer leaves the projection alone meanwhile, and a
 * re-drive waits for it (redrive-letter.ts gives up after a few seconds).
 */
export async function lockProjectionForSession(db: Db, projection: ProjectionName): Promise<void> {
  await db.query(`SELECT pg_advisory_lock(${lockKey}) FROM (SELECT $1::text AS name) AS p`, [projection]);
}

/**
 * The live consumer's share of each projection for one batch's transaction. Shared, so several
 * projections-service instances never wait on each other; tried, not awaited, so a rebuild that
 * holds a projection for minutes stalls only that projection. Returns those it may write.
 */
export async function tryShareProjections(db: Db, projections: readonly ProjectionName[]): Promise<Set<ProjectionName>> {
  const { rows } = await db.query<{ name: ProjectionName; locked: boolean }>(
    `SELECT name, pg_try_advisory_xact_lock_shared(${lockKey}) AS locked FROM unnest($1::text[]) AS name`, [projections],
  );
  return new Set(rows.filter((row) => row.locked).map((row) => row.name));
}

/**
 * Serialises the live batches that could see each other half-done. A projection may fold two
 * topics and relate them (a charging profile and the end of its transaction), and two
 * transactions each reading what the other writes, both uncommitted, would miss each other. The
 * station-keyed topics share their partition count and producers' partitioner, so a station's
 * records sit in the same partition number of each: a batch of one takes that number, and
 * batches of different numbers go in parallel. A batch of any other topic (configuration,
 * re-ratings, dead letters) takes every number, in order, so it runs alone. The same lock also
 * orders two instances that both hold a partition for a moment after a rebalance: the second
 * reads the first's committed offsets instead of applying its records again.
 */
export async function lockPartitions(db: Db, partitions: readonly number[]): Promise<void> {
  for (const partition of [...partitions].sort((a, b) => a - b)) {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('csms-station-partition'), $1)`, [partition]);
  }
}
