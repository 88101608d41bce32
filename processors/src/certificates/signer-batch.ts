// One csms.security batch through the certificate authority, as one Kafka transaction with its
// offset (DESIGN invariant 2). Records below the partition's committed offset are skipped: a
// batch that kafkajs re-delivers after an in-doubt commit, or that a new owner fetched before
// its predecessor's last commit landed, is not signed twice. A record that throws is retried
// with its batch, then dead-lettered so the partition moves on.
import type { Batch, KafkaMessage } from 'kafkajs';
import { topicName, type DeadLetterReason, type Serde } from '@csms/contracts';
import { deadLetterOf, isTransientError, type Logger } from '@csms/infra';
import { encodeMessage, RecordTooLargeError, type EncodedMessage } from '../runtime/batch-outputs.ts';
import { encodeDeadLetter } from '../runtime/dead-letter-record.ts';
import { createPartitionCommitter } from '../runtime/partition-transaction.ts';
import type { PartitionProducers, TransactionalProducer } from '../runtime/partition-producers.ts';
import { signRequest, type SignerOutput, type SignerSettings } from './sign-request.ts';
import type { SignerMetrics } from './signer-metrics.ts';

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

/** What a batch writes, in order, and what to count and log once it is committed. */
interface Outputs {
  readonly messages: EncodedMessage[];
  readonly afterCommit: Array<() => void>;
}

export function createSignerBatchHandler(options: SignerBatchOptions): (payload: SignerBatchPayload) => Promise<void> {
  const { serde, topicPrefix, metrics, logger } = options;
  const topic = topicName('security', topicPrefix);
  const commit = createPartitionCommitter({ ...options, transactionSeconds: metrics.stages.transaction });
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

  /** The command and the fact it goes with, or the refusal; each within a Kafka record's size. */
  async function encode(output: SignerOutput): Promise<EncodedMessage[]> {
    switch (output.kind) {
      case 'ignored':
        return [];
      case 'issued': {
        const { chargePointId } = output.command;
        return [
          await encodeMessage(serde, 'commandRequests', chargePointId, output.command),
          await encodeMessage(serde, 'security', chargePointId, output.issued),
        ];
      }
      case 'refused':
        return [await encodeMessage(serde, 'security', output.refused.chargePointId, output.refused)];
      default: {
        const _exhaustive: never = output;
        return _exhaustive;
      }
    }
  }

  /** Decodes, signs and encodes one record; its messages join the batch only if all of that worked. */
  async function handle(message: KafkaMessage, outputs: Outputs, stage: { reason: DeadLetterReason }): Promise<void> {
    if (message.value === null) return;
    const record = await serde.decode('security', message.value);
    stage.reason = 'DECIDE_FAILED';
    const output = await signRequest(record, options.settings);
    stage.reason = 'ENCODE_FAILED';
    // All of the record's messages are encoded before any joins the batch.
    outputs.messages.push(...(await encode(output)));
    outputs.afterCommit.push(reported(output, message));
  }

  /** A record that throws is a bug: rethrown (the batch is retried) until it has failed maxAttempts times. */
  async function deadLetterOrRethrow(
    error: unknown, stage: DeadLetterReason, partition: number, message: KafkaMessage, outputs: Outputs,
  ): Promise<void> {
    // The registry or the broker away is not the record's fault: try the batch again, uncounted.
    if (isTransientError(error)) throw error;
    const reason = error instanceof RecordTooLargeError ? 'TOO_LARGE' : stage;
    const id = `${SIGNER_CONSUMER}/${topic}/${partition}/${message.offset}`;
    const attempts = (failures.get(id) ?? 0) + 1;
    metrics.recordFailures.inc({ reason });
    const log = logger.child({ topic, partition, offset: message.offset, chargePointId: message.key?.toString('utf8'), reason });
    if (attempts < options.maxAttempts) {
      failures.set(id, attempts);
      log.warn({ err: error, attempts }, 'record failed; retrying the batch');
      throw error;
    }
    const letter = deadLetterOf({ consumer: SIGNER_CONSUMER, topic: 'security', sourceTopic: topic, partition, message, reason, error });
    // Keyed by the dead letter's id, as DeadLetterRedriven names it.
    outputs.messages.push(await encodeDeadLetter(serde, letter));
    outputs.afterCommit.push(() => {
      metrics.deadLetters.inc({ reason });
      log.error({ err: error, attempts }, 'record failed repeatedly; dead-lettered');
    });
  }

  async function processBatch(batch: SignerBatchPayload['batch'], messages: readonly KafkaMessage[], producer: TransactionalProducer, nextOffset: bigint): Promise<void> {
    const outputs: Outputs = { messages: [], afterCommit: [] };
    for (const message of messages) {
      const stage: { reason: DeadLetterReason } = { reason: 'DECODE_FAILED' };
      try {
        await handle(message, outputs, stage);
      } catch (error) {
        await deadLetterOrRethrow(error, stage.reason, batch.partition, message, outputs);
      }
    }
    await commit({ producer, partition: batch.partition, messages: outputs.messages, consumed: 'security', nextOffset });
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
