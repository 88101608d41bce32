// Runs every projection live in one consumer group: each batch of a topic partition is read
// once, decoded once and applied to every projection folding that topic in one PostgreSQL
// transaction holding their rows and next offsets. Kafka's committed offsets are informational
// only; each projection's offsets in PostgreSQL say where it is. A batch is applied to a
// projection from its own offset, and a projection whose offset lies before where the batch was
// fetched from sends the consumer back to it, so no seek, join or crash can skip a record.
import type { Batch, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { KEYED_PARTITIONS, topics as topicSpecs, type Serde } from '@csms/contracts';
import { inTransaction, retriedByKafkajs, secondsSince, type Logger, type Pool, type PoolClient } from '@csms/infra';
import type { ProjectedTopic, Projection, ProjectionName } from '../projection.ts';
import { applyBatchSafely, type BatchTarget } from './apply-batch.ts';
import type { DeadLetterSink } from './dead-letter-writer.ts';
import { foldedTopics, measureEndOffsets, partitionId, splitPartitionId, type FoldedTopic } from './folded-topics.ts';
import type { BatchOutcome } from './projection-metrics.ts';
import { lockPartitions, readNextOffsets, tryShareProjections } from './offsets.ts';

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
  /** Told of each batch handed back to kafkajs to be tried again (for metrics). */
  readonly onBatchRetried?: () => void;
}

export interface RunningProjection {
  /** What keeps a read model from following its topic, for /health; empty while all is well. */
  problems(): readonly string[];
  /** The partitions this member holds, by topic (for the lag sampler). */
  held(): ReadonlyMap<string, readonly number[]>;
  /** The projections that fold a topic, by its real name. */
  foldersOf(topic: string): readonly ProjectionName[];
  stop(): Promise<void>;
}

export function projectionsGroupId(topicPrefix: string): string {
  return `${topicPrefix}csms-projections`;
}

interface BatchContext extends LiveProjectionOptions {
  readonly consumer: Consumer;
  /** By the topic's real name. */
  readonly folding: ReadonlyMap<string, FoldedTopic>;
  /** Partitions read past while a projection was held: read again once it is free (see catchUpHeld). */
  readonly held: Set<string>;
  /**
   * By topic:partition, the projections whose stored offset lies past the partition's end: their
   * read model holds records this Kafka does not (its data was deleted, or the topic was
   * recreated). Applying from that offset would skip every record until the topic grew past it,
   * so they are left alone and reported until a rebuild brings them back (see recheckAhead).
   */
  readonly ahead: Map<string, readonly ProjectionName[]>;
}

const namesOf = (context: BatchContext, topic: string): readonly ProjectionName[] => context.folding.get(topic)?.names ?? [];

/**
 * The offset the fetch that brought this batch asked for. kafkajs's Batch carries it (its types
 * leave it out); checked, so that a kafkajs without it fails loudly instead of losing records.
 */
function fetchedOffsetOf(batch: Batch): number {
  const fetched = Number((batch as unknown as { fetchedOffset?: unknown }).fetchedOffset);
  if (!Number.isSafeInteger(fetched)) throw new Error('kafkajs batch without fetchedOffset: the projections cannot tell where a fetch started');
  return fetched;
}

/** After a join, seeks every assigned partition to its lowest stored offset (Kafka may be ahead or behind). */
async function seekAssigned(context: BatchContext, assignment: Record<string, number[]>): Promise<void> {
  for (const [topic, partitions] of Object.entries(assignment)) {
    for (const partition of partitions) {
      const stored = await readNextOffsets(context.pool, namesOf(context, topic), topic, partition);
      context.consumer.seek({ topic, partition, offset: String(Math.min(...stored.values())) });
    }
  }
}

/**
 * Which projections this batch writes, after taking its partition locks (offsets.ts says why). A projection a rebuild or a re-drive holds is left out. One whose offset
 * is below where this fetch started (left out earlier, rebuilt up to an older end, or reset) is
 * behind: left out too, and the consumer goes back for it once this commits. One whose offset is
 * past the partition's end is ahead of the topic (see BatchContext.ahead): left out. Every other one
 * applies the batch from its own offset.
 */
async function targetsOf(client: PoolClient, folded: FoldedTopic, topic: string, partition: number, fetched: number, highWatermark: number) {
  await lockPartitions(client, partitionLocks(folded.topic, partition));
  const { projections, names } = folded;
  const shared = await tryShareProjections(client, names);
  const stored = await readNextOffsets(client, names, topic, partition);
  const targets: BatchTarget[] = [];
  const behind: { name: ProjectionName; from: number }[] = [];
  const held: ProjectionName[] = [];
  const ahead: ProjectionName[] = [];
  for (const projection of projections) {
    const from = stored.get(projection.name) ?? 0;
    if (!shared.has(projection.name)) held.push(projection.name);
    else if (from < fetched) behind.push({ name: projection.name, from });
    else if (from > highWatermark) ahead.push(projection.name);
    else targets.push({ projection, from });
  }
  return { targets, behind, held, ahead };
}

/**
 * A partition read past a held projection may see no new record for a long time, so no batch
 * would find the projection behind: every second, each such partition is read again from the
 * lowest offset of its projections that are free (the others skip what they have), and
 * forgotten once all are free. A batch in flight meanwhile finds them behind and seeks again.
 */
async function catchUpHeld(context: BatchContext): Promise<void> {
  for (const id of [...context.held]) {
    const { topic, partition } = splitPartitionId(id);
    const names = namesOf(context, topic);
    const free = await inTransaction(context.pool, async (client) => {
      const shared = await tryShareProjections(client, names);
      const stored = await readNextOffsets(client, [...shared], topic, partition);
      return { count: shared.size, lowest: Math.min(...stored.values()) };
    });
    if (free.count === names.length) context.held.delete(id);
    if (free.count > 0) context.consumer.seek({ topic, partition, offset: String(free.lowest) });
  }
}

/**
 * A partition may see no new record after its projections ahead of it are rebuilt (or after a
 * new leader reported an end that was briefly behind), so no batch would tell: every second, each
 * such partition whose projections are all within its end now is forgotten and read again from
 * the lowest offset of its projections.
 */
async function recheckAhead(context: BatchContext): Promise<void> {
  if (context.ahead.size === 0) return;
  const ends = await measureEndOffsets(context.kafka, new Set([...context.ahead.keys()].map((id) => splitPartitionId(id).topic)));
  for (const [id, names] of [...context.ahead]) {
    const { topic, partition } = splitPartitionId(id);
    const end = ends.get(id)?.high ?? 0;
    const stored = await readNextOffsets(context.pool, namesOf(context, topic), topic, partition);
    if (names.some((name) => (stored.get(name) ?? 0) > end)) continue;
    context.ahead.delete(id);
    context.logger.info({ topic, partition, projections: names }, 'projections no longer ahead of the topic; reading it again from their offset');
    context.consumer.seek({ topic, partition, offset: String(Math.min(...stored.values())) });
  }
}

function noteAhead(context: BatchContext, topic: string, partition: number, ahead: readonly ProjectionName[], highWatermark: number): void {
  const id = partitionId(topic, partition);
  if (ahead.length === 0) {
    context.ahead.delete(id);
    return;
  }
  if (!context.ahead.has(id)) {
    context.logger.error({ topic, partition, projections: ahead, highWatermark },
      'projections have stored offsets past the end of this partition: their read models hold records Kafka does not (was its data deleted or the topic recreated?); left alone until rebuilt (npm run rebuild-projection)');
  }
  context.ahead.set(id, ahead);
}

/** One line per projection ahead of some topic, naming the partitions and the command that mends it. */
export function aheadProblems(ahead: ReadonlyMap<string, readonly ProjectionName[]>): string[] {
  const byProjection = new Map<ProjectionName, Map<string, number[]>>();
  for (const [id, names] of ahead) {
    const { topic, partition } = splitPartitionId(id);
    for (const name of names) {
      const topics = byProjection.get(name) ?? new Map<string, number[]>();
      topics.set(topic, [...(topics.get(topic) ?? []), partition]);
      byProjection.set(name, topics);
    }
  }
  return [...byProjection].sort(([a], [b]) => a.localeCompare(b)).map(([name, topics]) => {
    const where = [...topics].map(([topic, partitions]) => `${topic} (partitions ${partitions.sort((a, b) => a - b).join(', ')})`).join(', ');
    return `${name}: ahead of ${where}: its read model holds records this Kafka does not; rebuild it: npm run rebuild-projection -- ${name}`;
  });
}

/** One batch of one partition, in one PostgreSQL transaction. */
async function handleBatch(context: BatchContext, payload: EachBatchPayload): Promise<void> {
  const { batch } = payload;
  if (payload.isStale()) return;
  const folded = context.folding.get(batch.topic);
  if (folded === undefined) throw new Error(`unexpected topic ${batch.topic}`);
  const fetched = fetchedOffsetOf(batch);
  const highWatermark = Number(batch.highWatermark);
  const started = performance.now();
  const nextOffset = Number(batch.lastOffset()) + 1;
  const { result, behind, held, ahead } = await inTransaction(context.pool, async (client) => {
    const { targets, behind, held, ahead } = await targetsOf(client, folded, batch.topic, batch.partition, fetched, highWatermark);
    const applied = await applyBatchSafely(client, targets, {
      topic: folded.topic, topicName: batch.topic, partition: batch.partition, messages: batch.messages, nextOffset,
    }, { serde: context.serde, maxAttempts: context.maxAttempts });
    await context.deadLetters.write(applied.deadLetters);
    return { result: applied, behind, held, ahead };
  });
  context.onBatch({ ...result, seconds: secondsSince(started), committedAt: Date.now() });
  for (const letter of result.deadLetters) {
    context.logger.error({ consumer: letter.consumer, topic: batch.topic, partition: batch.partition, offset: letter.offset, reason: letter.reason, error: letter.error },
      'record set aside as a dead letter');
  }
  noteAhead(context, batch.topic, batch.partition, ahead, highWatermark);
  const id = partitionId(batch.topic, batch.partition);
  if (held.length > 0 && !context.held.has(id)) {
    context.held.add(id);
    context.logger.info({ topic: batch.topic, partition: batch.partition, projections: held }, 'projections held by a rebuild or re-drive are left alone here until free');
  }
  if (behind.length > 0) {
    const from = Math.min(...behind.map((b) => b.from));
    context.logger.info({ topic: batch.topic, partition: batch.partition, projections: behind.map((b) => b.name), from }, 'projections behind; reading again from their offset');
    context.consumer.seek({ topic: batch.topic, partition: batch.partition, offset: String(from) });
    return;
  }
  payload.resolveOffset(batch.lastOffset());
  await payload.commitOffsetsIfNecessary();
  await payload.heartbeat();
}

const EVERY_PARTITION = Array.from({ length: KEYED_PARTITIONS }, (_, partition) => partition);

/** A station-keyed topic's batch locks its own partition number; any other topic's, all of them. */
function partitionLocks(topic: ProjectedTopic, partition: number): readonly number[] {
  const spec = topicSpecs[topic];
  return spec.key === 'chargePointId' && spec.partitions === KEYED_PARTITIONS ? [partition] : EVERY_PARTITION;
}

export async function startLiveProjections(options: LiveProjectionOptions): Promise<RunningProjection> {
  const consumer = options.kafka.consumer({ groupId: options.groupId, readUncommitted: false });
  const folding = foldedTopics(options.projections, options.topicPrefix);
  const context: BatchContext = { ...options, consumer, folding, held: new Set(), ahead: new Map() };
  let held: ReadonlyMap<string, readonly number[]> = new Map();
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    held = new Map(Object.entries(event.payload.memberAssignment));
    // Only to start near where the projections are: where a batch was fetched from is checked anyway.
    seekAssigned(context, event.payload.memberAssignment).catch((error: unknown) =>
      options.logger.error({ err: error }, 'could not seek to the stored offsets; a batch fetched from further on sends the consumer back'));
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...folding.keys()], fromBeginning: true });
  await consumer.run({
    // Partitions in parallel, each batch in a transaction of its own: a batch waits on PostgreSQL
    // (its locks, its offsets, its writes), so one at a time would leave this process idle meanwhile.
    eachBatchAutoResolve: false, partitionsConsumedConcurrently: options.partitionsInParallel,
    eachBatch: (payload) => retriedByKafkajs(() => handleBatch(context, payload), options.onBatchRetried),
  });
  let checking = false;
  const recheck = setInterval(() => {
    if (checking || (context.held.size === 0 && context.ahead.size === 0)) return;
    checking = true;
    catchUpHeld(context).then(() => recheckAhead(context))
      .catch((error: unknown) => options.logger.warn({ err: error }, 'could not check the held projections or those ahead of their topic; trying again'))
      .finally(() => { checking = false; });
  }, 1_000);
  return {
    problems: () => aheadProblems(context.ahead),
    held: () => held,
    foldersOf: (topic) => namesOf(context, topic),
    stop: async () => {
      clearInterval(recheck);
      await consumer.disconnect();
    },
  };
}
