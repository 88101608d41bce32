// One batch as one Kafka transaction of its partition's producer (every kafkajs batch is from
// one partition of one topic): decide every record against an overlay of the partition's state,
// then write replies, calls, domain events, snapshots and the consumed offset atomically (DESIGN
// invariant 2). Memory takes the overlay only after the commit. Partition p of ocpp.inbound and
// of csms.command-requests share the producer and the memory of p; the runtime's partition
// lock keeps their batches from interleaving.
import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Serde } from '@csms/contracts';
import type { ProcessorSettings, Tables } from '../deciders/context.ts';
import { applyOverlay, createOverlay, type Overlay, type PartitionMemory, type SourceTopic } from '../partition-memory.ts';
import { isIgnoredAnswer } from '../process-record.ts';
import type { EncodedMessage } from './batch-outputs.ts';
import { createBatchCommitter } from './batch-transaction.ts';
import { deadLetterOf, isTransientError, secondsSinceTimestamp, type Logger } from '@csms/infra';
import { encodeDeadLetter } from './dead-letter-record.ts';
import type { ProcessorMetrics } from './metrics.ts';
import type { PartitionProducers, TransactionalProducer } from './partition-producers.ts';
import type { PartitionStore } from './partition-store.ts';
import { failureOutputs, stepRecord, type RecordStep } from './record-step.ts';
import { sourceTopicNames } from './source-records.ts';

export interface BatchHandlerOptions {
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly consumerGroupId: string;
  readonly producers: PartitionProducers;
  readonly store: PartitionStore;
  readonly tables: Tables;
  readonly settings: ProcessorSettings;
  readonly logger: Logger;
  readonly metrics: ProcessorMetrics;
  /** Attempts at a failing record before it is dead-lettered. */
  readonly maxAttempts: number;
  /** See BatchTransactionOptions.beforeCommit. */
  readonly beforeCommit?: (partition: number) => Promise<void>;
  /** Wall-clock ms, compared with the records' Kafka timestamps (the fetch_wait stage). */
  readonly clock: () => number;
}

type Handler = (payload: EachBatchPayload) => Promise<void>;

/** A batch's stage timings, held until its transaction commits. */
/** What a batch observed, reported to the metrics once it committed (a batch tried again counts once). */
interface BatchTimings {
  readonly waits: number[];
  readonly decides: number[];
  readonly completed: { action: string; outcome: string }[];
}
type Failure = Extract<RecordStep, { ok: false }>;

export function createBatchHandler(options: BatchHandlerOptions): Handler {
  const failures = new Map<string, number>();
  const commit = createBatchCommitter(options);
  const sources = sourceTopicNames(options.topicPrefix);

  /**
   * What the set-aside record owes (failureOutputs). Built from fields of a record that already
   * decoded, so it should always encode; if it did not, the partition must still move on.
   */
  async function owed(failure: Failure, log: Logger): Promise<EncodedMessage[]> {
    try {
      return await failureOutputs(options.serde, failure.record);
    } catch (error) {
      if (isTransientError(error)) throw error;
      log.error({ err: error }, 'the answer owed by a dead-lettered record could not be encoded; none is sent');
      return [];
    }
  }

  /**
   * A record that failed for reasons of its own: rethrown (the batch is retried) until it has
   * failed maxAttempts times, then dead-lettered, with what it still owes: an answer to the
   * station if it awaits one, the end of an operator's command.
   */
  async function deadLetterOrRethrow(
    failure: Failure, source: SourceTopic, topic: string, partition: number, message: KafkaMessage,
  ): Promise<EncodedMessage[]> {
    const id = `${topic}:${partition}:${message.offset}`;
    const attempts = (failures.get(id) ?? 0) + 1;
    options.metrics.recordFailures.inc({ reason: failure.reason });
    const log = options.logger.child({ topic, partition, offset: message.offset, chargePointId: message.key?.toString('utf8') });
    if (attempts < options.maxAttempts) {
      failures.set(id, attempts);
      log.warn({ err: failure.error, reason: failure.reason, attempts }, 'record failed; retrying the batch');
      throw failure.error;
    }
    failures.delete(id);
    log.error({ err: failure.error, reason: failure.reason, attempts }, 'record failed repeatedly; dead-lettered');
    options.metrics.deadLetters.inc({ reason: failure.reason });
    const letter = deadLetterOf({
      consumer: 'processors', topic: source, sourceTopic: topic, partition, message, reason: failure.reason, error: failure.error,
    });
    return [await encodeDeadLetter(options.serde, letter), ...(await owed(failure, log))];
  }

  /** One record's messages; the snapshots of the states it changed replace earlier ones of the same key. */
  async function processMessage(
    message: KafkaMessage, batch: Batch, source: SourceTopic, overlay: Overlay, snapshots: Map<string, EncodedMessage>, timings: BatchTimings,
  ): Promise<EncodedMessage[]> {
    if (message.value === null) return [];
    timings.waits.push(secondsSinceTimestamp(message.timestamp, options.clock()));
    const step = await stepRecord({
      serde: options.serde, source, value: message.value, overlay,
      context: { partition: batch.partition, tables: options.tables, settings: options.settings },
      decideSeconds: { observe: (seconds) => { timings.decides.push(seconds); } },
    });
    if (!step.ok) return deadLetterOrRethrow(step, source, batch.topic, batch.partition, message);
    options.metrics.recordsProcessed.inc({ type: step.record.record.type });
    if (isIgnoredAnswer(step.record, step.output)) options.metrics.answersIgnored.inc();
    if (step.output.unpricedSessions.length > 0) options.metrics.billingSessionsUnpriced.inc(step.output.unpricedSessions.length);
    for (const event of step.output.commandEvents) if (event.type === 'CommandCompleted') timings.completed.push({ action: event.action, outcome: event.outcome });
    for (const snapshot of step.snapshots) snapshots.set(snapshot.key, snapshot);
    return step.messages;
  }

  /** The batch's records that the partition's memory does not reflect yet. */
  function unseen(batch: Batch, source: SourceTopic, memory: PartitionMemory): KafkaMessage[] {
    const nextOffset = memory.nextOffsets[source];
    const messages = batch.messages.filter((message) => BigInt(message.offset) >= nextOffset);
    const skipped = batch.messages.length - messages.length;
    if (skipped > 0) {
      options.metrics.recordsSkipped.inc(skipped);
      options.logger.info(
        { topic: batch.topic, partition: batch.partition, skipped, nextOffset: nextOffset.toString() },
        're-delivered records skipped: a committed transaction already handled them',
      );
    }
    return messages;
  }

  /** Decides the unseen records and commits them, with the offset after the batch's last record. */
  async function processBatch(
    batch: Batch, source: SourceTopic, messages: readonly KafkaMessage[], nextOffset: bigint,
    memory: PartitionMemory, producer: TransactionalProducer,
  ): Promise<void> {
    const overlay = createOverlay(memory);
    const outputs: EncodedMessage[] = [];
    const snapshots = new Map<string, EncodedMessage>();
    const timings: BatchTimings = { waits: [], decides: [], completed: [] };
    for (const message of messages) outputs.push(...(await processMessage(message, batch, source, overlay, snapshots, timings)));
    overlay.nextOffsets[source] = nextOffset;
    await commit({ producer, partition: batch.partition, source, overlay, messages: outputs, snapshots: [...snapshots.values()] });
    applyOverlay(overlay);
    // Observed once committed, as the transaction is: a batch tried again is not timed twice.
    for (const seconds of timings.waits) options.metrics.stages.fetch_wait.observe(seconds);
    for (const seconds of timings.decides) options.metrics.stages.decide.observe(seconds);
    for (const labels of timings.completed) options.metrics.commandsCompleted.inc(labels);
    // Records that failed on an earlier attempt of this batch and went through now.
    for (const message of messages) failures.delete(`${batch.topic}:${batch.partition}:${message.offset}`);
    options.metrics.batchesCommitted.inc();
  }

  return async ({ batch, resolveOffset, heartbeat }) => {
    const last = batch.messages.at(-1);
    if (last === undefined) return;
    const source = sources.sourceOf(batch.topic);
    const stopTimer = options.metrics.batchSeconds.startTimer();
    // About to fence the partition: a consumer the group evicted while it stalled learns it from
    // this heartbeat (it throws and kafkajs rejoins) rather than fencing the partition's new owner.
    // kafkajs sends it only when the last heartbeat is older than heartbeatInterval.
    if (!options.producers.has(batch.partition)) await heartbeat();
    // Fence before loading (and the store's loader fences every other partition it loads): once
    // our producer holds the epoch no earlier owner can commit, so the snapshots read are final.
    const producer = await options.producers.acquire(batch.partition);
    const memory = await options.store.ensureLoaded(batch.partition, heartbeat);
    const messages = unseen(batch, source, memory);
    if (messages.length > 0) await processBatch(batch, source, messages, BigInt(last.offset) + 1n, memory, producer);
    stopTimer();
    resolveOffset(last.offset);
    await heartbeat();
  };
}
