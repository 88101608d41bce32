// Group commit with strict order: records are queued as they arrive and sent in batches,
// with at most ONE send in flight. A charge point's frames therefore reach Kafka in the
// order received (invariant 3), and under load many frames share one produce request.

export interface KeyedMessage {
  readonly key: string;
  readonly value: Buffer;
}

export interface BatchingProducerOptions<R> {
  /** The I/O port: one produce request for these messages, resolved when Kafka acknowledged all of them. */
  readonly send: (messages: readonly KeyedMessage[]) => Promise<void>;
  readonly encode: (record: R) => Promise<Buffer>;
  readonly keyOf: (record: R) => string;
  readonly maxBatchSize: number;
  /** Called after every send attempt, for metrics. */
  readonly onBatch?: (info: { size: number; ok: boolean; records: readonly R[] }) => void;
}

export interface BatchingProducer<R> {
  /** Resolves when Kafka acknowledged the record; rejects when it could not be written. */
  enqueue(record: R): Promise<void>;
  /** Resolves when everything queued so far has been sent (or failed). */
  flush(): Promise<void>;
  readonly queued: number;
}

interface Pending<R> {
  readonly record: R;
  readonly key: string;
  resolve(): void;
  reject(error: unknown): void;
}

export function createBatchingProducer<R>(options: BatchingProducerOptions<R>): BatchingProducer<R> {
  let queue: Pending<R>[] = [];
  let inFlight: Promise<void> | null = null;

  async function sendBatch(batch: Pending<R>[]): Promise<void> {
    const encoded = await Promise.allSettled(batch.map((p) => options.encode(p.record)));
    const ready: { pending: Pending<R>; value: Buffer }[] = [];
    encoded.forEach((result, i) => {
      if (result.status === 'fulfilled') ready.push({ pending: batch[i]!, value: result.value });
      else batch[i]!.reject(result.reason);
    });
    if (ready.length === 0) return;
    try {
      await options.send(ready.map(({ pending, value }) => ({ key: pending.key, value })));
    } catch (error) {
      failKeys(ready.map((r) => r.pending), error);
      options.onBatch?.({ size: ready.length, ok: false, records: ready.map((r) => r.pending.record) });
      return;
    }
    for (const { pending } of ready) pending.resolve();
    options.onBatch?.({ size: ready.length, ok: true, records: ready.map((r) => r.pending.record) });
  }

  /** A failed record must not be overtaken by a later one of the same key: fail those too. */
  function failKeys(failed: Pending<R>[], error: unknown): void {
    const keys = new Set(failed.map((p) => p.key));
    const [doomed, kept] = [queue.filter((p) => keys.has(p.key)), queue.filter((p) => !keys.has(p.key))];
    queue = kept;
    for (const pending of [...failed, ...doomed]) pending.reject(error);
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, options.maxBatchSize);
      await sendBatch(batch).catch((error: unknown) => failKeys(batch, error));
    }
    inFlight = null;
  }

  return {
    enqueue(record) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ record, key: options.keyOf(record), resolve, reject });
        inFlight ??= drain();
      });
    },
    async flush() {
      while (inFlight) await inFlight;
    },
    get queued() {
      return queue.length;
    },
  };
}
