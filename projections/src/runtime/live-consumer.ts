// Runs every projection live in one consumer group: each batch of a topic partition is read
// once, decoded once and applied to every projection folding that topic in one PostgreSQL
// transaction holding their rows and next offsets. Kafka's committed offsets are informational
// only; each projection's offsets in PostgreSQL say where it is, and the consumer reads each
// partition from the lowest of them.
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import { inTransaction, retriedByKafkajs, secondsSince, type Logger, type Pool } from '@csms/infra';
import type { ProjectedTopic, Projection } from '../projection.ts';
import { applyBatchSafely, type BatchTarget } from './apply-batch.ts';
import type { DeadLetterSink } from './dead-letter-writer.ts';
import type { BatchOutcome } from './projection-metrics.ts';
import { readNextOffsets, tryShareProjections } from './offsets.ts';

export interface LiveProjectionOptions {
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly serde: Pick<Serde, 'decode'>;
  readonly topicPrefix: string;
  readonly projections: readonly Projection[];
  /** The consumer group; one per set of projections run together. */
  readonly groupId: string;
  readonly logger: Logger;
  readonly deadLetters: DeadLetterSink;
  /** Tries at a failing record before it is dead-lettered. */
  readonly maxAttempts: number;
  /** Batches of different partitions applied at once, each holding a pooled connection. */
  readonly partitionsInParallel: number;
  /** Told what each committed batch applied and set aside, and how long its transaction took (for metrics). */
  readonly onBatch: (outcome: BatchOutcome) => void;
}

export interface RunningProjection {
  stop(): Promise<void>;
}

export function projectionsGroupId(topicPrefix: string): string {
  return `${topicPrefix}csms-projections`;
}

interface BatchContext extends LiveProjectionOptions {
  readonly consumer: Consumer;
  /** Each real topic's name, and the projections folding it. */
  readonly folding: ReadonlyMap<string, { readonly topic: ProjectedTopic; readonly projections: readonly Projection[] }>;
  /** Per partition positioned since the last group join, the offset the consumer has read up to. */
  readonly reached: Map<string, number>;
  /** Partitions read past while a projection was held: read again once it is free (see catchUpHeld). */
  readonly held: Set<string>;
}

async function lowestStoredOffset(context: BatchContext, topic: string, partition: number): Promise<number> {
  const names = context.folding.get(topic)?.projections.map((p) => p.name) ?? [];
  return Math.min(...(await readNextOffsets(context.pool, names, topic, partition)).values());
}

function seekTo(context: BatchContext, topic: string, partition: number, offset: number): void {
  context.reached.set(`${topic}:${partition}`, offset);
  context.consumer.seek({ topic, partition, offset: String(offset) });
}

/**
 * On the first batch of a partition after a join, seeks to the lowest stored offset unless
 * already there: that batch may have been fetched from Kafka's committed offset before
 * seekAssigned ran. A compacted topic may have no record there; the batch after the seek is trusted.
 */
async function positionFromDatabase(context: BatchContext, payload: EachBatchPayload): Promise<boolean> {
  const { batch } = payload;
  if (context.reached.has(`${batch.topic}:${batch.partition}`)) return true;
  const lowest = await lowestStoredOffset(context, batch.topic, batch.partition);
  if (Number(batch.firstOffset() ?? batch.lastOffset()) === lowest) {
    context.reached.set(`${batch.topic}:${batch.partition}`, lowest);
    return true;
  }
  seekTo(context, batch.topic, batch.partition, lowest);
  return false;
}

/** After a join, seeks every assigned partition to its lowest stored offset (Kafka may be ahead or behind). */
async function seekAssigned(context: BatchContext, assignment: Record<string, number[]>): Promise<void> {
  for (const [topic, partitions] of Object.entries(assignment)) {
    for (const partition of partitions) {
      // Not yet reached: a batch fetched before this seek is still checked by positionFromDatabase.
      context.consumer.seek({ topic, partition, offset: String(await lowestStoredOffset(context, topic, partition)) });
    }
  }
}

/**
 * Which projections this batch writes. One a rebuild or a re-drive holds is left out. One whose
 * offset is below what the consumer has already read (left out earlier, or rebuilt up to an
 * older end) is behind: it is left out too, and the consumer goes back for it once this commits.
 */
async function targetsOf(context: BatchContext, client: Parameters<typeof readNextOffsets>[0], topic: string, partition: number) {
  const projections = context.folding.get(topic)?.projections ?? [];
  const names = projections.map((p) => p.name);
  const shared = await tryShareProjections(client, names);
  const stored = await readNextOffsets(client, names, topic, partition);
  const reached = context.reached.get(`${topic}:${partition}`) ?? 0;
  const targets: BatchTarget[] = [];
  let behind: number | null = null;
  let held = false;
  for (const projection of projections) {
    const from = stored.get(projection.name) ?? 0;
    if (!shared.has(projection.name)) held = true;
    else if (from < reached) behind = Math.min(behind ?? from, from);
    else targets.push({ projection, from });
  }
  return { targets, behind, held };
}

/**
 * A partition read past a held projection may see no new record for a long time, so no batch
 * would find the projection behind: every second, each such partition whose projections are all
 * free again is read again from its lowest stored offset (the others skip what they have).
 */
async function catchUpHeld(context: BatchContext): Promise<void> {
  for (const id of [...context.held]) {
    const [topic, partition] = [id.slice(0, id.lastIndexOf(':')), Number(id.slice(id.lastIndexOf(':') + 1))];
    const names = context.folding.get(topic)?.projections.map((p) => p.name) ?? [];
    const free = await inTransaction(context.pool, async (client) => (await tryShareProjections(client, names)).size === names.length);
    if (!free || !context.held.delete(id)) continue;
    seekTo(context, topic, partition, await lowestStoredOffset(context, topic, partition));
  }
}

/** One batch of one partition, in one PostgreSQL transaction. */
async function handleBatch(context: BatchContext, payload: EachBatchPayload): Promise<void> {
  const { batch } = payload;
  if (payload.isStale() || !(await positionFromDatabase(context, payload))) return;
  const folding = context.folding.get(batch.topic);
  if (folding === undefined) throw new Error(`unexpected topic ${batch.topic}`);
  const started = performance.now();
  const nextOffset = Number(batch.lastOffset()) + 1;
  const { result, behind, held } = await inTransaction(context.pool, async (client) => {
    const { targets, behind, held } = await targetsOf(context, client, batch.topic, batch.partition);
    const applied = await applyBatchSafely(client, targets, {
      topic: folding.topic, topicName: batch.topic, partition: batch.partition, messages: batch.messages, nextOffset,
    }, { serde: context.serde, maxAttempts: context.maxAttempts });
    await context.deadLetters.write(applied.deadLetters);
    return { result: applied, behind, held };
  });
  if (held) context.held.add(`${batch.topic}:${batch.partition}`);
  context.onBatch({ ...result, seconds: secondsSince(started), committedAt: Date.now() });
  for (const letter of result.deadLetters) {
    context.logger.error({ consumer: letter.consumer, topic: batch.topic, partition: batch.partition, offset: letter.offset, reason: letter.reason, error: letter.error },
      'record set aside as a dead letter');
  }
  if (behind !== null) {
    context.logger.info({ topic: batch.topic, partition: batch.partition, from: behind }, 'a projection is behind; reading again from its offset');
    seekTo(context, batch.topic, batch.partition, behind);
    return;
  }
  context.reached.set(`${batch.topic}:${batch.partition}`, nextOffset);
  payload.resolveOffset(batch.lastOffset());
  await payload.commitOffsetsIfNecessary();
  await payload.heartbeat();
}

export async function startLiveProjections(options: LiveProjectionOptions): Promise<RunningProjection> {
  const { kafka, projections, topicPrefix } = options;
  const consumer = kafka.consumer({ groupId: options.groupId, readUncommitted: false });
  const topics = [...new Set(projections.flatMap((p) => p.topics))];
  const folding = new Map(topics.map((topic) => [
    topicName(topic, topicPrefix), { topic, projections: projections.filter((p) => p.topics.includes(topic)) },
  ] as const));
  const context: BatchContext = { ...options, consumer, folding, reached: new Map(), held: new Set() };
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    context.reached.clear();
    context.held.clear();
    seekAssigned(context, event.payload.memberAssignment).catch((error: unknown) =>
      options.logger.error({ err: error }, 'could not seek to the stored offsets; the first batch of each partition will'));
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...folding.keys()], fromBeginning: true });
  await consumer.run({
    // Partitions in parallel, each batch in a transaction of its own: a batch waits mostly on
    // PostgreSQL round trips, so one at a time would leave the database and this process idle.
    eachBatchAutoResolve: false, partitionsConsumedConcurrently: options.partitionsInParallel,
    eachBatch: (payload) => retriedByKafkajs(() => handleBatch(context, payload)),
  });
  let checking = false;
  const heldCheck = setInterval(() => {
    if (checking || context.held.size === 0) return;
    checking = true;
    catchUpHeld(context)
      .catch((error: unknown) => options.logger.warn({ err: error }, 'could not check the held projections; trying again'))
      .finally(() => { checking = false; });
  }, 1_000);
  return {
    stop: async () => {
      clearInterval(heldCheck);
      await consumer.disconnect();
    },
  };
}
