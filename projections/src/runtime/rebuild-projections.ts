// Rebuilds projections: take their locks for the whole run, measure the end offsets of their
// topics, replay every topic once from its first offset up to those ends into shadow tables
// (each record decoded once and applied to every projection folding it; a transaction per batch),
// then swap the shadow tables in and store the ends as the next offsets, in one transaction.
// Readers see the old rows until the swap. The projections service may keep running: its live
// consumer leaves a locked projection alone, and once the rebuild is done it reads again from the
// ends the rebuild stored for that projection.
import type { Kafka } from 'kafkajs';
import { deadLetterId, type Serde } from '@csms/contracts';
import { inTransactionOn, type Logger, type Pool, type PoolClient } from '@csms/infra';
import { openDeadLetterIdsOf } from '../dead-letters/queries.ts';
import type { Projection, ProjectionName } from '../projection.ts';
import { applyBatchSafely } from './apply-batch.ts';
import type { DeadLetterSink } from './dead-letter-writer.ts';
import { deleteOffsets, lockProjectionForSession, saveNextOffsets } from './offsets.ts';
import { foldedTopics, measureEndOffsets, partitionId, type EndOffsets, type FoldedTopic } from './folded-topics.ts';
import { createProgress, type Progress } from './replay-progress.ts';
import {
  completeShadowTables, createShadowTables, dropShadowTables, liveSchema, searchPath, SHADOW_SCHEMA, swapInShadowTables,
} from './shadow-tables.ts';

export interface RebuildOptions {
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly serde: Pick<Serde, 'decode'>;
  readonly topicPrefix: string;
  readonly projections: readonly Projection[];
  readonly logger: Logger;
  /** A consumer group used only by this run (and deleted after it). */
  readonly groupId: string;
  /** Fails the rebuild when no batch arrives for this long. */
  readonly stallTimeoutMs: number;
  /** A record that fails again is set aside as in live projection (under the same dead-letter id). */
  readonly deadLetters: DeadLetterSink;
  readonly maxAttempts: number;
  /** How long the swap waits for readers of the live tables before it tries again (default 2 s). */
  readonly swapLockTimeoutMs?: number;
}

export interface RebuildResult {
  /** Records each projection applied. */
  readonly applied: ReadonlyMap<ProjectionName, number>;
  readonly endOffsets: EndOffsets;
}

async function replay(
  options: RebuildOptions, client: PoolClient, folding: ReadonlyMap<string, FoldedTopic>, progress: Progress, open: ReadonlySet<string>,
): Promise<Map<ProjectionName, number>> {
  const { kafka, projections, serde } = options;
  // Nobody else writes the shadow tables while the locks are held, and a batch commits its rows
  // before it is counted here: a batch delivered again (after a failed one) is skipped from it.
  // A failed batch is rolled back and thrown, and kafkajs delivers it again.
  const reached = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: options.groupId, readUncommitted: false });
  const applied = new Map<ProjectionName, number>(projections.map((p) => [p.name, 0]));
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => progress.reached(payload.topic, payload.partition, Number(payload.lastOffset)));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...folding.keys()], fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        const folded = folding.get(batch.topic);
        const end = progress.end(batch.topic, batch.partition);
        if (folded === undefined || progress.finished()) return;
        const messages = batch.messages.filter((m) => Number(m.offset) < end);
        const nextOffset = Math.min(Number(batch.lastOffset()) + 1, end);
        const id = partitionId(batch.topic, batch.partition);
        const from = reached.get(id) ?? 0;
        const targets = folded.projections.map((projection) => ({ projection, from }));
        const result = await inTransactionOn(client, async () => {
          const batchResult = await applyBatchSafely(client, targets, {
            topic: folded.topic, topicName: batch.topic, partition: batch.partition, messages, nextOffset,
          }, { serde, maxAttempts: options.maxAttempts });
          // Written before the commit: a batch whose letters were not written is applied again.
          // A replay meets again the records set aside live: those still open need no second letter.
          // One re-driven before that fails again is written again, which reopens it (dead-letters/projector.ts).
          await options.deadLetters.write(batchResult.deadLetters.filter((letter) => !open.has(deadLetterId(letter))));
          return batchResult;
        });
        reached.set(id, Math.max(from, nextOffset));
        for (const [name, count] of result.applied) applied.set(name, (applied.get(name) ?? 0) + count);
      },
    });
    await progress.done;
  } finally {
    await consumer.disconnect();
    await deleteGroup(kafka, options.groupId, options.logger);
  }
  return applied;
}

/** Best effort: a group left behind holds only its offsets, and must not hide why a rebuild failed. */
async function deleteGroup(kafka: Kafka, groupId: string, logger: Logger): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch (error) {
    logger.warn({ err: error, groupId }, 'could not delete rebuild group');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Waits this long for readers of the live tables before trying the swap again, meanwhile holding up new ones. */
const SWAP_LOCK_TIMEOUT_MS = 2_000;
/** About five minutes of readers in the way before the rebuild gives up. */
const SWAP_ATTEMPTS = 150;

async function swapIn(client: PoolClient, schema: string, options: RebuildOptions, folding: ReadonlyMap<string, FoldedTopic>, endOffsets: EndOffsets): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await inTransactionOn(client, async () => {
        await client.query(`SET LOCAL lock_timeout = ${options.swapLockTimeoutMs ?? SWAP_LOCK_TIMEOUT_MS}`);
        // Holding every reader up: should this process hang, the server ends the transaction.
        await client.query(`SET LOCAL idle_in_transaction_session_timeout = 60000`);
        await swapInShadowTables(client, schema, options.projections);
        for (const projection of options.projections) await deleteOffsets(client, projection.name);
        for (const end of endOffsets.values()) {
          if (end.high > 0) await saveNextOffsets(client, folding.get(end.topic)?.names ?? [], end.topic, end.partition, end.high);
        }
      });
      return;
    } catch (error) {
      // A lock not granted in time, or a deadlock with a reader taking the tables in another order.
      const code = (error as { code?: unknown }).code;
      if ((code !== '55P03' && code !== '40P01') || attempt === SWAP_ATTEMPTS) throw error;
      options.logger.warn({ attempt, projections: options.projections.map((p) => p.name) }, 'readers hold the live tables; trying the swap again');
    }
  }
}

export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { projections, pool, kafka } = options;
  // A connection of its own for the whole run: its session holds the locks, and is closed after it.
  const client = await pool.connect();
  try {
    // In one order, so that two rebuilds sharing projections never hold one each and wait for ever.
    for (const name of projections.map((p) => p.name).sort()) await lockProjectionForSession(client, name);
    const schema = await liveSchema(client);
    const folding = foldedTopics(projections, options.topicPrefix);
    const endOffsets = await measureEndOffsets(kafka, folding.keys());
    // Read from the live rows: rebuilt together with the dead-letters projection, its empty shadow
    // would otherwise make every letter met again look new.
    const open = await openDeadLetterIdsOf(client, projections.map((p) => `projection:${p.name}`));
    try {
      await inTransactionOn(client, () => createShadowTables(client, schema, projections));
      await client.query(searchPath(SHADOW_SCHEMA));
      const progress = createProgress(endOffsets, options.stallTimeoutMs);
      const applied = progress.finished() ? new Map(projections.map((p) => [p.name, 0] as const)) : await replay(options, client, folding, progress, open);
      await client.query(searchPath(schema));
      await completeShadowTables(client, schema, projections);
      await swapIn(client, schema, options, folding, endOffsets);
      return { applied, endOffsets };
    } catch (error) {
      await dropShadowTables(client, projections).catch((dropError: unknown) => options.logger.warn({ err: dropError }, 'could not drop the shadow tables'));
      throw error;
    }
  } finally {
    // Closed rather than returned: its locks and search path go with it.
    client.release(true);
  }
}
