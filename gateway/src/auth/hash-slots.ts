// One bound on the password hashes (scrypt) this process computes at once, whatever their
// addresses: at most `concurrency` run, at most `maxQueued` wait for a slot, and past that an
// attempt is refused as busy (503 with Retry-After) instead of queued without end. scrypt runs
// on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), which DNS
// lookups (the Kafka client's connections) and file reads (TLS reloads) share, so a few slots
// keep those and every other station answered while a fleet reconnects or a flood of guesses
// arrives. The queue is p-limit's (small, maintained, counts what waits).
import pLimit from 'p-limit';

export interface HashSlotsOptions {
  readonly concurrency: number;
  readonly maxQueued: number;
}

export interface HashSlots {
  /** Runs the task in a slot, now or once one frees up; null when the queue is full (nothing runs). */
  run<T>(task: () => Promise<T>): Promise<T> | null;
}

export function createHashSlots(options: HashSlotsOptions): HashSlots {
  const limit = pLimit(options.concurrency);
  return {
    run(task) {
      if (limit.activeCount >= options.concurrency && limit.pendingCount >= options.maxQueued) return null;
      return limit(task);
    },
  };
}
