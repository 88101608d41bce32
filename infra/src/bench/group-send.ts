// The Kafka floor's stand-in for the gateway's batching producer (which lives in the gateway and
// is not importable here): messages queue while one produce request is in flight and then go
// together in the next, one request at a time, as an idempotent producer with one request in
// flight needs. Without it the floor would pay one broker round trip per message and be slower
// than the system it is the floor of.
import type { Message } from 'kafkajs';

export interface GroupSend {
  /** Resolves when Kafka acknowledged the message (acks=all); rejects when its request failed. */
  send(message: Message): Promise<void>;
}

interface Queued {
  readonly message: Message;
  resolve(): void;
  reject(error: unknown): void;
}

/** `produce` is the I/O port: one request with these messages. */
export function groupSend(produce: (messages: Message[]) => Promise<void>, maxBatch = 1000): GroupSend {
  let queue: Queued[] = [];
  let inFlight = false;
  const drain = async (): Promise<void> => {
    inFlight = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await produce(batch.map((q) => q.message));
        for (const q of batch) q.resolve();
      } catch (error) {
        for (const q of batch) q.reject(error);
      }
    }
    inFlight = false;
  };
  return {
    send: (message) => new Promise((resolve, reject) => {
      queue.push({ message, resolve, reject });
      if (!inFlight) void drain();
    }),
  };
}
