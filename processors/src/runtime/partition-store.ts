// Which keyed partitions (p of ocpp.inbound and of csms.command-requests) this instance owns,
// and their decider states. Every rebalance forgets everything: another instance may have advanced a partition meanwhile, so state
// is reloaded from snapshots before the first batch of each partition after assignment.
// So does a lost partition (see partition-lost.ts), on its own.
import type { PartitionMemory } from '../partition-memory.ts';
import type { SnapshotLoader } from './snapshot-loader.ts';

export interface PartitionStore {
  /** Called on every group join with the partitions now assigned. */
  reassign(partitions: readonly number[]): void;
  /** Drops one partition's memory: it is reloaded before its next batch. */
  forget(partition: number): void;
  /** The partition's memory, loading it (with every other unloaded assigned partition) if needed. */
  ensureLoaded(partition: number, keepAlive: () => Promise<void>): Promise<PartitionMemory>;
}

const KEEP_ALIVE_MS = 3000;

export function createPartitionStore(load: SnapshotLoader): PartitionStore {
  let assigned = new Set<number>();
  let loaded = new Map<number, PartitionMemory>();
  // Loads run one at a time: two partitions' first batches arriving together must not load
  // twice, or a late load could put a stale snapshot over memory that has moved on.
  let loading: Promise<unknown> = Promise.resolve();
  return {
    reassign(partitions) {
      assigned = new Set(partitions);
      loaded = new Map();
    },
    forget(partition) {
      loaded.delete(partition);
    },
    async ensureLoaded(partition, keepAlive) {
      const present = loaded.get(partition);
      if (present !== undefined) return present;
      const turn = loading.then(() => loadIfMissing(partition, keepAlive));
      loading = turn.catch(() => undefined);
      return turn;
    },
  };

  async function loadIfMissing(partition: number, keepAlive: () => Promise<void>): Promise<PartitionMemory> {
      const present = loaded.get(partition);
      if (present !== undefined) return present;
      const wanted = new Set([...assigned, partition].filter((p) => !loaded.has(p)));
      const target = loaded;
      // Loading can outlast the session timeout; heartbeats keep the group from evicting us.
      const timer = setInterval(() => { keepAlive().catch(() => {}); }, KEEP_ALIVE_MS);
      try {
        for (const [p, memory] of await load(wanted)) target.set(p, memory);
      } finally {
        clearInterval(timer);
      }
      const memory = target.get(partition);
      if (memory === undefined) throw new Error(`partition ${partition} was not loaded`);
      return memory;
  }
}
