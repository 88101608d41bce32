// projection_offsets: the next offset each projection applies, per topic partition. Written in
// the same transaction as the rows, so PostgreSQL alone says how far a projection has got.
import type { Db } from '../db.ts';
import type { ProjectionName } from '../projection.ts';

export async function readNextOffset(db: Db, projection: ProjectionName, topic: string, partition: number): Promise<number> {
  const { rows } = await db.query<{ next_offset: number }>(
    'SELECT next_offset FROM projection_offsets WHERE projection = $1 AND topic = $2 AND partition = $3',
    [projection, topic, partition],
  );
  return rows[0]?.next_offset ?? 0;
}

export async function saveNextOffset(
  db: Db, projection: ProjectionName, topic: string, partition: number, nextOffset: number,
): Promise<void> {
  await db.query(
    `INSERT INTO projection_offsets (projection, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
     ON CONFLICT (projection, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset`,
    [projection, topic, partition, nextOffset],
  );
}

export async function deleteOffsets(db: Db, projection: ProjectionName): Promise<void> {
  await db.query('DELETE FROM projection_offsets WHERE projection = $1', [projection]);
}

/**
 * Serialises a projection's writers for the rest of the transaction: the live consumer takes
 * it per batch and a rebuild for its whole run, so a rebuild is safe with the service running.
 */
export async function lockProjection(db: Db, projection: ProjectionName): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('csms-projection:' || $1))`, [projection]);
}
