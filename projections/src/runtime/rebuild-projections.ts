// Rebuilds projections in a single PostgreSQL transaction: take their locks, measure the end
// offsets of their topics, delete their rows and offsets, replay every topic once from its first
// offset up to those ends (each record decoded once and applied to every projection folding
// it), store the ends as the next offsets, commit. The projections service may keep running:
// its live consumer leaves a locked projection alone, and once the rebuild commits it reads
// again from the ends the rebuild stored for that projection.
import type { Kafka } from 'kafkajs';
import { deadLetterId, type Serde } from '@csms/contracts';
import { inTransaction, type Logger, type Pool, type PoolClient } from '@csms/infra';
import { openDeadLetterIdsOf } from '../dead-letters/queries.ts';
import type { Projection, ProjectionName } from '../projection.ts';
import { applyBatchSafely } from './apply-batch.ts';
import type { DeadLetterSink } from './dead-letter-writer.ts';
import { deleteOffsets, lockProjection, saveNextOffsets } from './offsets.ts';
import { foldedTopics, measureEndOffsets, partitionId, type EndOffsets, type FoldedTopic } from './folded-topics.ts';
import { createProgress, type Progress } from './replay-progress.ts';

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
  // The offsets were deleted with the rows and nobody else writes them while the locks are held,
  // so where each partition has got is known here: a batch delivered twice is skipped from it.
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
        const result = await applyBatchSafely(client, targets, {
          topic: folded.topic, topicName: batch.topic, partition: batch.partition, messages, nextOffset,
        }, { serde, maxAttempts: options.maxAttempts });
        reached.set(id, Math.max(from, nextOffset));
        // A replay meets again the records set aside live: those still open need no second letter.
        // One re-driven before that fails again is written again, which reopens it (dead-letters/projector.ts).
        await options.deadLetters.write(result.deadLetters.filter((letter) => !open.has(deadLetterId(letter))));
        for (const [name, count] of result.applied) applied.set(name, (applied.get(name) ?? 0) + count);
      },
    });
    await progress.done;
  } finally {
    await consumer.disconnect();
  }
  return applied;
}

async function deleteGroup(kafka: Kafka, groupId: string, logger: Logger): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch((error: unknown) => logger.warn({ err: error, groupId }, 'could not delete rebuild group'));
  await admin.disconnect();
}

export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { projections, pool, kafka } = options;
  const result = await inTransaction(pool, async (client) => {
    // In one order, so that two rebuilds sharing projections never hold one each and wait for ever.
    for (const name of projections.map((p) => p.name).sort()) await lockProjection(client, name);
    const folding = foldedTopics(projections, options.topicPrefix);
    const endOffsets = await measureEndOffsets(kafka, folding.keys());
    // Read before the reset: rebuilt together with the dead-letters projection, the rows it empties
    // would otherwise make every letter met again look new.
    const open = await openDeadLetterIdsOf(client, projections.map((p) => `projection:${p.name}`));
    for (const projection of projections) {
      await projection.reset(client);
      await deleteOffsets(client, projection.name);
    }
    const progress = createProgress(endOffsets, options.stallTimeoutMs);
    const applied = progress.finished() ? new Map(projections.map((p) => [p.name, 0] as const)) : await replay(options, client, folding, progress, open);
    for (const end of endOffsets.values()) {
      if (end.high > 0) await saveNextOffsets(client, folding.get(end.topic)?.names ?? [], end.topic, end.partition, end.high);
    }
    return { applied, endOffsets };
  });
  await deleteGroup(kafka, options.groupId, options.logger);
  return result;
}
