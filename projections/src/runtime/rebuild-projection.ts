// Rebuilds one projection in a single PostgreSQL transaction: take the projection's lock,
// measure the end offsets of its topics, delete its rows and offsets, replay every topic from
// its first offset up to those ends, store the ends as the next offsets, commit. Because the
// live consumer takes the same lock per batch and skips what is below the stored offsets, the
// projections service may keep running: it waits, then carries on from where the rebuild ended.
import type { Kafka } from 'kafkajs';
import { deadLetterId, topicName, type Serde } from '@csms/contracts';
import { inTransaction, type Logger, type Pool, type PoolClient } from '@csms/infra';
import { openDeadLetterIds } from '../dead-letters/queries.ts';
import type { ProjectedTopic, Projection } from '../projection.ts';
import { applyBatchSafely } from './apply-batch.ts';
import type { DeadLetterSink } from './dead-letter-writer.ts';
import { deleteOffsets, lockProjection, saveNextOffset } from './offsets.ts';
import { createProgress, type EndOffsets, type PartitionEnd, type Progress } from './replay-progress.ts';

export interface RebuildOptions {
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly serde: Pick<Serde, 'decode'>;
  readonly topicPrefix: string;
  readonly projection: Projection;
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
  readonly applied: number;
  readonly endOffsets: EndOffsets;
}

async function measureEndOffsets(kafka: Kafka, names: readonly string[]): Promise<EndOffsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, PartitionEnd>();
    for (const name of names) {
      for (const p of await admin.fetchTopicOffsets(name)) {
        ends.set(`${name}:${p.partition}`, { topic: name, partition: p.partition, low: Number(p.low), high: Number(p.high) });
      }
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

async function replay(options: RebuildOptions, client: PoolClient, progress: Progress): Promise<number> {
  const { kafka, projection, topicPrefix, serde } = options;
  const logical = new Map(projection.topics.map((topic) => [topicName(topic, topicPrefix), topic] as const));
  const consumer = kafka.consumer({ groupId: options.groupId, readUncommitted: false });
  let applied = 0;
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => progress.reached(payload.topic, payload.partition, Number(payload.lastOffset)));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...logical.keys()], fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        const topic = logical.get(batch.topic);
        const end = progress.end(batch.topic, batch.partition);
        if (topic === undefined || progress.finished()) return;
        const messages = batch.messages.filter((m) => Number(m.offset) < end);
        const nextOffset = Math.min(Number(batch.lastOffset()) + 1, end);
        const result = await applyBatchSafely(client, projection, {
          topic, topicName: batch.topic, partition: batch.partition, messages, nextOffset,
        }, { serde, maxAttempts: options.maxAttempts });
        // A replay meets again the records set aside live: those still open need no second letter.
        // One re-driven before that fails again is written again, which reopens it (dead-letters/projector.ts).
        const open = await openDeadLetterIds(client, result.deadLetters.map(deadLetterId));
        await options.deadLetters.write(result.deadLetters.filter((letter) => !open.has(deadLetterId(letter))));
        applied += result.applied;
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

export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const { projection, pool, kafka } = options;
  const names = projection.topics.map((topic: ProjectedTopic) => topicName(topic, options.topicPrefix));
  const result = await inTransaction(pool, async (client) => {
    await lockProjection(client, projection.name);
    const endOffsets = await measureEndOffsets(kafka, names);
    await projection.reset(client);
    await deleteOffsets(client, projection.name);
    const progress = createProgress(endOffsets, options.stallTimeoutMs);
    const applied = progress.finished() ? 0 : await replay(options, client, progress);
    for (const end of endOffsets.values()) {
      if (end.high > 0) await saveNextOffset(client, projection.name, end.topic, end.partition, end.high);
    }
    return { applied, endOffsets };
  });
  await deleteGroup(kafka, options.groupId, options.logger);
  return result;
}
