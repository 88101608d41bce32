// Group commit with strict order: records are queued as they arrive and sent in batches,
// with at most ONE send in flight. A charge point's frames therefore reach Kafka in the
// order received (invariant 3), and under load many frames share one produce request.
// A request never exceeds maxBatchBytes, so the broker cannot refuse it as too large: a
// MESSAGE_TOO_LARGE breaks kafkajs's idempotent sequence numbers for every partition.

import type { OutgoingMessage as KafkaMessage } from '@csms/infra';

/** A record of the gateway's: always keyed by its station, never a tombstone, so its bytes can be counted. */
export type OutgoingMessage = KafkaMessage & { readonly key: string; readonly value: Buffer };

interface BatchingProducerOptions<R> {
  /** The I/O port: one produce request for these messages, resolved when Kafka acknowledged all of them. */
  readonly send: (messages: readonly OutgoingMessage[]) => Promise<void>;
  readonly encode: (record: R) => Promise<OutgoingMessage>;
  /** Records of one ordering key are never reordered (topic and Kafka key, in practice). */
  readonly orderingKeyOf: (record: R) => string;
  readonly maxBatchSize: number;
  /** The most bytes in one produce request; a record larger than this alone is refused. */
  readonly maxBatchBytes: number;
  /** Called after every send attempt, for metrics. */
  readonly onBatch?: (info: { size: number; bytes: number; ok: boolean }) => void;
}

export interface BatchingProducer<R> {
  /** Resolves when Kafka acknowledged the record; rejects when it could not be written. */
  enqueue(record: R): Promise<void>;
  /** Resolves when everything queued so far has been sent (or failed). */
  flush(): Promise<void>;
}

export class RecordTooLargeError extends Error {
  readonly code = 'RECORD_TOO_LARGE';
  readonly retriable = false;
}

interface Pending<R> {
  readonly record: R;
  readonly orderingKey: string;
  /** Started at enqueue, so encoding overlaps the send in flight. */
  readonly encoded: Promise<OutgoingMessage>;
  resolve(): void;
  reject(error: unknown): void;
}

interface Ready<R> {
  readonly pending: Pending<R>;
  readonly message: OutgoingMessage;
  readonly bytes: number;
}

/** A record's share of a produce request: value, key and the record's framing (generously). */
export function messageBytes(message: OutgoingMessage): number {
  return message.value.length + Buffer.byteLength(message.key) + 64;
}

export function createBatchingProducer<R>(options: BatchingProducerOptions<R>): BatchingProducer<R> {
  let queue: Pending<R>[] = [];
  let inFlight: Promise<void> | null = null;

  /** A failed record must not be overtaken by a later one of the same key: fail those too. */
  function failKeys(failed: readonly Pending<R>[], error: unknown): void {
    const keys = new Set(failed.map((p) => p.orderingKey));
    const doomed = queue.filter((p) => keys.has(p.orderingKey));
    queue = queue.filter((p) => !keys.has(p.orderingKey));
    for (const pending of [...failed, ...doomed]) pending.reject(error);
  }

  /** Takes the next batch off the queue: at most maxBatchSize records and maxBatchBytes bytes. */
  async function nextBatch(): Promise<Ready<R>[]> {
    const batch: Ready<R>[] = [];
    let bytes = 0;
    while (queue.length > 0 && batch.length < options.maxBatchSize) {
      const pending = queue[0]!;
      let message: OutgoingMessage;
      let size: number;
      try {
        message = await pending.encoded;
        size = messageBytes(message);
      } catch (error) {
        // Whatever is wrong with this record is its own: it fails, the queue moves on.
        queue.shift();
        failKeys([pending], error);
        continue;
      }
      if (size > options.maxBatchBytes) {
        queue.shift();
        failKeys([pending], new RecordTooLargeError(`a record of ${size} bytes exceeds the ${options.maxBatchBytes} a request may hold`));
        continue;
      }
      if (bytes + size > options.maxBatchBytes) break;
      queue.shift();
      batch.push({ pending, message, bytes: size });
      bytes += size;
    }
    return batch;
  }

  /** Metrics only: a callback that throws must never leave records unsettled or stop the queue. */
  function notify(info: { size: number; bytes: number; ok: boolean }): void {
    try {
      options.onBatch?.(info);
    } catch {
      // Nothing to do: the records are already settled.
    }
  }

  async function sendBatch(batch: readonly Ready<R>[]): Promise<void> {
    const bytes = batch.reduce((sum, r) => sum + r.bytes, 0);
    try {
      await options.send(batch.map((r) => r.message));
    } catch (error) {
      failKeys(batch.map((r) => r.pending), error);
      notify({ size: batch.length, bytes, ok: false });
      return;
    }
    for (const { pending } of batch) pending.resolve();
    notify({ size: batch.length, bytes, ok: true });
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = await nextBatch();
        if (batch.length > 0) await sendBatch(batch);
      }
    } catch (error) {
      // A bug, not a record's fault: fail what is queued rather than leave it waiting forever.
      failKeys(queue.splice(0), error);
    } finally {
      // Always, so the next enqueue starts a fresh drain whatever happened to this one.
      inFlight = null;
    }
  }

  return {
    enqueue(record) {
      return new Promise<void>((resolve, reject) => {
        const encoded = options.encode(record);
        // Read in nextBatch; this only keeps an early rejection from being reported as unhandled.
        encoded.catch(() => {});
        queue.push({ record, orderingKey: options.orderingKeyOf(record), encoded, resolve, reject });
        inFlight ??= drain();
      });
    },
    async flush() {
      while (inFlight) await inFlight;
    },
  };
}
