// Notices a runtime that stopped making progress: a batch that has run for longer than any
// healthy one could (a client call that never returns leaves the consumer silently outside
// its group), or a consumer kafkajs gave up on. Such a process is better restarted than left
// looking alive; main.ts exits on it so the supervisor starts a fresh one.
export type RuntimeHealth =
  | { readonly status: 'ok' }
  | { readonly status: 'stalled'; readonly partition: number; readonly forMs: number }
  | { readonly status: 'crashed'; readonly reason: string };

export interface BatchWatch {
  track<T>(partition: number, work: () => Promise<T>): Promise<T>;
  crashed(reason: string): void;
  health(): RuntimeHealth;
}

export function createBatchWatch(stallMs: number, now: () => number = Date.now): BatchWatch {
  const running = new Map<number, number>();
  let crash: string | null = null;
  return {
    async track(partition, work) {
      running.set(partition, now());
      try {
        return await work();
      } finally {
        running.delete(partition);
      }
    },
    crashed(reason) { crash = reason; },
    health() {
      if (crash !== null) return { status: 'crashed', reason: crash };
      for (const [partition, since] of running) {
        const forMs = now() - since;
        if (forMs > stallMs) return { status: 'stalled', partition, forMs };
      }
      return { status: 'ok' };
    },
  };
}
