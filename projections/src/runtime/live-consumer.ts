// Runs one projection live: one consumer group, one PostgreSQL transaction per batch holding
// both the rows and the next offset. Kafka's committed offsets are informational only; after
// every group join each partition is positioned at the offset stored in PostgreSQL.
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import { inTransaction, retriedByKafkajs, secondsSince, type Logger, type Pool } from '@csms/infra';
import type { ProjectedTopic, Projection } from '../projection.ts';
import { applyBatchSafely } from './apply-batch.ts';
import type { DeadLetterSink } from './dead-letter-writer.ts';
import type { BatchOutcome } from './projection-metrics.ts';
import { lockProjection, readNextOffset } from './offsets.ts';

export interface LiveProjectionOptions {
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly serde: Pick<Serde, 'decode'>;
  readonly topicPrefix: string;
  readonly projection: Projection;
  readonly logger: Logger;
  readonly deadLetters: DeadLetterSink;
  /** Tries at a failing record before it is dead-lettered. */
  readonly maxAttempts: number;
  /** Told what each committed batch applied and set aside, and how long its transaction took (for metrics). */
  readonly onBatch: (outcome: BatchOutcome) => void;
}

export interface RunningProjection {
  stop(): Promise<void>;
}

export function projectionGroupId(topicPrefix: string, projection: Projection): string {
  return `${topicPrefix}csms-projection-${projection.name}`;
}

interface BatchContext extends LiveProjectionOptions {
  readonly consumer: Consumer;
  readonly logical: ReadonlyMap<string, ProjectedTopic>;
  /** Partitions positioned from PostgreSQL since the last group join. */
  readonly positioned: Set<string>;
}

/**
 * On the first batch of a partition after a join, seeks to the stored offset unless already
 * there: that batch may have been fetched from Kafka's committed offset before seekAssigned ran.
 */
async function positionFromDatabase(context: BatchContext, payload: EachBatchPayload): Promise<boolean> {
  const { batch } = payload;
  const id = `${batch.topic}:${batch.partition}`;
  if (context.positioned.has(id)) return true;
  context.positioned.add(id);
  const stored = await readNextOffset(context.pool, context.projection.name, batch.topic, batch.partition);
  if (Number(batch.firstOffset() ?? batch.lastOffset()) === stored) return true;
  // A compacted topic may have no record at `stored`; the batch after this seek is trusted as is.
  context.consumer.seek({ topic: batch.topic, partition: batch.partition, offset: String(stored) });
  return false;
}

/** After a join, seeks every assigned partition to its stored offset (Kafka may be ahead or behind). */
async function seekAssigned(context: BatchContext, assignment: Record<string, number[]>): Promise<void> {
  for (const [topic, partitions] of Object.entries(assignment)) {
    for (const partition of partitions) {
      const stored = await readNextOffset(context.pool, context.projection.name, topic, partition);
      context.consumer.seek({ topic, partition, offset: String(stored) });
    }
  }
}

/** One batch of one partition, in one PostgreSQL transaction (exported for its unit test). */
async function handleBatch(context: BatchContext, payload: EachBatchPayload): Promise<void> {
  const { batch } = payload;
  if (payload.isStale() || !(await positionFromDatabase(context, payload))) return;
  const topic = context.logical.get(batch.topic);
  if (topic === undefined) throw new Error(`unexpected topic ${batch.topic}`);
  const started = performance.now();
  const result = await inTransaction(context.pool, async (client) => {
    await lockProjection(client, context.projection.name);
    const applied = await applyBatchSafely(client, context.projection, {
      topic, topicName: batch.topic, partition: batch.partition, messages: batch.messages, nextOffset: Number(batch.lastOffset()) + 1,
    }, { serde: context.serde, maxAttempts: context.maxAttempts });
    await context.deadLetters.write(applied.deadLetters);
    return applied;
  });
  const seconds = secondsSince(started);
  for (const letter of result.deadLetters) {
    context.logger.error({ topic: batch.topic, partition: batch.partition, offset: letter.offset, reason: letter.reason, error: letter.error },
      'record set aside as a dead letter');
  }
  context.onBatch({ applied: result.applied, deadLettered: result.deadLetters.map((letter) => letter.reason), seconds });
  context.logger.debug({ topic: batch.topic, partition: batch.partition, applied: result.applied }, 'batch projected');
  payload.resolveOffset(batch.lastOffset());
  await payload.commitOffsetsIfNecessary();
  await payload.heartbeat();
}

export async function startLiveProjection(options: LiveProjectionOptions): Promise<RunningProjection> {
  const { kafka, projection, topicPrefix } = options;
  const consumer = kafka.consumer({ groupId: projectionGroupId(topicPrefix, projection), readUncommitted: false });
  const logical = new Map(projection.topics.map((topic) => [topicName(topic, topicPrefix), topic] as const));
  const context: BatchContext = { ...options, consumer, logical, positioned: new Set() };
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    context.positioned.clear();
    seekAssigned(context, event.payload.memberAssignment).catch((error: unknown) =>
      options.logger.error({ err: error }, 'could not seek to the stored offsets; the first batch of each partition will'));
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...logical.keys()], fromBeginning: true });
  await consumer.run({ eachBatchAutoResolve: false, eachBatch: (payload) => retriedByKafkajs(() => handleBatch(context, payload)) });
  return { stop: () => consumer.disconnect() };
}
