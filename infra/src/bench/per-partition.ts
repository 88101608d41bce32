// A relay's one thing per partition (a transactional producer, a lane of transactions), made on
// the partition's first batch and kept for the run: a relay only learns its partitions from the
// batches its group gives it. Pure.

export interface PerPartition<T> {
  of(partition: number): T;
  /** Every one made so far, to close them. */
  made(): T[];
}

export function perPartition<T>(make: (partition: number) => T): PerPartition<T> {
  const made = new Map<number, T>();
  return {
    of(partition) {
      const existing = made.get(partition);
      if (existing !== undefined) return existing;
      const created = make(partition);
      made.set(partition, created);
      return created;
    },
    made: () => [...made.values()],
  };
}
