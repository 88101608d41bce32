// One csms.security batch through the certificate authority, as one Kafka transaction with its
// offset (DESIGN invariant 2). Records below the partition's committed offset are skipped: a
// batch that kafkajs re-delivers after an in-doubt commit, or that a new owner fetched before
// its predecessor's last commit landed, is not signed twice. A record that throws is retried
// with its batch, then dead-lettered so the partition moves on.
import type { Batch, KafkaMessage, Message, TopicMessages } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import { deadLetterOf, encodeDeadLetter, isTransientError, type Logger } from '@csms/infra';
import type { PartitionProducers, TransactionalProducer } from '../runtime/partition-producers.ts';
import { signRequest, type SignerOutput, type SignerSettings } from './sign-request.ts';
import type { SignerMetrics } from './signer-metrics.ts';
import { createSignerCommitter } from './signer-transaction.ts';

export const SIGNER_CONSUMER = 'certificate-authority';

export interface SignerBatchOptions {
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly consumerGroupId: string;
  readonly producers: PartitionProducers;
  /** The group's committed offset of a csms.security partition (0 when none); read after fencing, so it is final. */
  readonly committedOffset: (partition: number) => Promise<bigint>;
  readonly settings: SignerSettings;
  readonly logger: Logger;
  readonly metrics: SignerMetrics;
  /** Attempts at a throwing record before it is dead-lettered. */
  readonly maxAttempts: number;
}

/** The part of a kafkajs EachBatchPayload the handler uses: the I/O port, faked in tests. */
export interface SignerBatchPayload {
  readonly batch: Pick<Batch, 'partition' | 'messages'>;
  readonly resolveOffset: (offset: string) => void;
  readonly heartbeat: () => Promise<void>;
}

type FailureReason = 'DECODE_FAILED' | 'DECIDE_FAILED' | 'ENCODE_FAILED';

/** What a batch writes, and what to count and log once it is committed. */
interface Outputs {
  readonly commandRequests: Message[];
  readonly security: Message[];
  readonly deadLetters: Message[];
  readonly afterCommit: Array<() => void>;
}

export function createSignerBatchHandler(options: SignerBatchOptions): (payload: SignerBatchPayload) => Promise<void> {
  const { serde, topicPrefix, metrics, logger } = options;
  const topic = topicName('security', topicPrefix);
  const commit = createSignerCommitter({ ...options, topic });
  const failures = new Map<string, number>();
  const nextOffsets = new Map<number, bigint>();

  function reported(output: SignerOutput, message: KafkaMessage): () => void {
    const log = () => logger.child({ chargePointId: message.key?.toString('utf8'), offset: message.offset });
    switch (output.kind) {
      case 'ignored':
        return () => {};
      case 'issued':
        return () => {
          metrics.requests.inc({ outcome: 'issued' });
          log().info({ serialNumber: output.issued.serialNumber, commandId: output.command.commandId }, 'station certificate issued');
        };
      case 'refused':
        return () => {
          metrics.requests.inc({ outcome: output.refused.reason });
          log().info({ reason: output.refused.reason, detail: output.detail }, 'station CSR refused');
        };
      default: {
        const _exhaustive: never = output;
        return _exhaustive;
      }
    }
  }

  async function encode(output: SignerOutput, into: Pick<Outputs, 'commandRequests' | 'security'>): Promise<void> {
    switch (output.kind) {
      case 'ignored':
        return;
      case 'issued': {
        const { chargePointId } = output.command;
        into.commandRequests.push({ key: chargePointId, value: await serde.encode('commandRequests', output.command) });
        into.security.push({ key: chargePointId, value: await serde.encode('security', output.issued) });
        return;
      }
      case 'refused':
        into.security.push({ key: output.refused.chargePointId, value: await serde.encode('security', output.refused) });
        return;
      default: {
        const _exhaustive: never = output;
        return _exhaustive;
      }
    }
  }

  /** Decodes, signs and encodes one record; its messages join the batch only if all of that worked. */
  async function handle(message: KafkaMessage, outputs: Outputs, stage: { reason: FailureReason }): Promise<void> {
    if (message.value === null) return;
    const record = await serde.decode('security', message.value);
    stage.reason = 'DECIDE_FAILED';
    const output = await signRequest(record, options.settings);
    stage.reason = 'ENCODE_FAILED';
    const own: Pick<Outputs, 'commandRequests' | 'security'> = { commandRequests: [], security: [] };
    await encode(output, own);
    outputs.commandRequests.push(...own.commandRequests);
    outputs.security.push(...own.security);
    outputs.afterCommit.push(reported(output, message));
  }

  /** A record that throws is a bug: rethrown (the batch is retried) until it has failed maxAttempts times. */
  async function deadLetterOrRethrow(
    error: unknown, reason: FailureReason, partition: number, message: KafkaMessage, outputs: Outputs,
  ): Promise<void> {
    // The registry or the broker away is not the record's fault: try the batch again, uncounted.
    if (isTransientError(error)) throw error;
    const id = `${SIGNER_CONSUMER}/${topic}/${partition}/${message.offset}`;
    const attempts = (failures.get(id) ?? 0) + 1;
    metrics.recordFailures.inc();
    const log = logger.child({ topic, partition, offset: message.offset, chargePointId: message.key?.toString('utf8'), reason });
    if (attempts < options.maxAttempts) {
      failures.set(id, attempts);
      log.warn({ err: error, attempts }, 'record failed; retrying the batch');
      throw error;
    }
    const letter = deadLetterOf({ consumer: SIGNER_CONSUMER, topic: 'security', sourceTopic: topic, partition, message, reason, error });
    // Keyed by the dead letter's id, as DeadLetterRedriven names it.
    outputs.deadLetters.push(await encodeDeadLetter(serde, letter));
    outputs.afterCommit.push(() => {
      metrics.deadLetters.inc();
      log.error({ err: error, attempts }, 'record failed repeatedly; dead-lettered');
    });
  }

  function topicMessages(outputs: Outputs): TopicMessages[] {
    const all: TopicMessages[] = [
      { topic: topicName('commandRequests', topicPrefix), messages: outputs.commandRequests },
      { topic, messages: outputs.security },
      { topic: topicName('deadLetter', topicPrefix), messages: outputs.deadLetters },
    ];
    return all.filter((t) => t.messages.length > 0);
  }

  async function processBatch(batch: SignerBatchPayload['batch'], messages: readonly KafkaMessage[], producer: TransactionalProducer, nextOffset: bigint): Promise<void> {
    const outputs: Outputs = { commandRequests: [], security: [], deadLetters: [], afterCommit: [] };
    for (const message of messages) {
      const stage: { reason: FailureReason } = { reason: 'DECODE_FAILED' };
      try {
        await handle(message, outputs, stage);
      } catch (error) {
        await deadLetterOrRethrow(error, stage.reason, batch.partition, message, outputs);
      }
    }
    await commit(producer, batch.partition, topicMessages(outputs), nextOffset);
    nextOffsets.set(batch.partition, nextOffset);
    metrics.batchesCommitted.inc();
    for (const report of outputs.afterCommit) report();
    for (const message of messages) failures.delete(`${SIGNER_CONSUMER}/${topic}/${batch.partition}/${message.offset}`);
  }

  /** The partition's producer, fenced; and, when it is new, the committed offset read after the fencing. */
  async function partitionState(partition: number, heartbeat: () => Promise<void>): Promise<{ producer: TransactionalProducer; next: bigint }> {
    const fresh = !options.producers.has(partition);
    // A consumer evicted while it stalled learns it from this heartbeat rather than fencing the partition's new owner.
    if (fresh) await heartbeat();
    const producer = await options.producers.acquire(partition);
    const known = nextOffsets.get(partition);
    if (!fresh && known !== undefined) return { producer, next: known };
    const next = await options.committedOffset(partition);
    nextOffsets.set(partition, next);
    return { producer, next };
  }

  return async ({ batch, resolveOffset, heartbeat }) => {
    const last = batch.messages.at(-1);
    if (last === undefined) return;
    const { producer, next } = await partitionState(batch.partition, heartbeat);
    const messages = batch.messages.filter((message) => BigInt(message.offset) >= next);
    if (messages.length > 0) await processBatch(batch, messages, producer, BigInt(last.offset) + 1n);
    resolveOffset(last.offset);
    await heartbeat();
  };
}
