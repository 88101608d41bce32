// Tracks a replay's progress towards the end offsets measured when it started. A partition is
// done once a batch reached its last offset (control records included: a transactional
// producer's commit marker is often the last offset and is never delivered as a message).
import { partitionId, type EndOffsets } from './folded-topics.ts';

export interface Progress {
  reached(topic: string, partition: number, lastOffset: number): void;
  end(topic: string, partition: number): number;
  finished(): boolean;
  /** Resolves when every partition is done; rejects when nothing arrives for the stall timeout. */
  readonly done: Promise<void>;
}

export function createProgress(ends: EndOffsets, stallTimeoutMs: number): Progress {
  const pending = new Set([...ends.values()].filter((e) => e.high > e.low).map((e) => partitionId(e.topic, e.partition)));
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const done = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  // Awaited by the replay; this only keeps an early stall from being an unhandled rejection.
  done.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    if (pending.size === 0) return;
    timer = setTimeout(() => reject(new Error(`replay stalled; still pending: ${[...pending].join(', ')}`)), stallTimeoutMs);
  };
  if (pending.size === 0) resolve();
  else arm();
  return {
    reached(topic, partition, lastOffset) {
      const id = partitionId(topic, partition);
      const end = ends.get(id);
      if (end !== undefined && lastOffset + 1 >= end.high) pending.delete(id);
      arm();
      if (pending.size === 0) {
        clearTimeout(timer);
        resolve();
      }
    },
    end: (topic, partition) => ends.get(partitionId(topic, partition))?.high ?? 0,
    finished: () => pending.size === 0,
    done,
  };
}
