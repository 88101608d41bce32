// Sending in groups, one request at a time: items queue while one request is in flight and then
// go together in the next. The Kafka floor's stand-in for the gateway's batching producer (which
// lives in the gateway and is not importable here), as an idempotent producer with one request in
// flight needs; without it the floor would pay one broker round trip per message and be slower
// than the system it is the floor of. The same shape serves a relay that consumes a stream
// (platformatic-relay.ts): one transaction at a time per partition, with what arrived meanwhile.

export interface GroupSend<T> {
  /** Resolves when the request carrying the item succeeded; rejects when it failed. */
  send(item: T): Promise<void>;
}

interface Queued<T> {
  readonly item: T;
  resolve(): void;
  reject(error: unknown): void;
}

/** `produce` is the I/O port: one request with these items. */
export function groupSend<T>(produce: (items: T[]) => Promise<void>, maxBatch = 1000): GroupSend<T> {
  let queue: Queued<T>[] = [];
  let inFlight = false;
  const drain = async (): Promise<void> => {
    inFlight = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await produce(batch.map((q) => q.item));
        for (const q of batch) q.resolve();
      } catch (error) {
        for (const q of batch) q.reject(error);
      }
    }
    inFlight = false;
  };
  return {
    send: (item) => new Promise((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!inFlight) void drain();
    }),
  };
}
