// Runs work for one partition number at a time. Batches of partition p of ocpp.inbound and of
// csms.command-requests share p's memory and producer, so they must not interleave; batches
// of different partitions may run side by side, each committing its own transaction.
export type PartitionLock = <T>(partition: number, work: () => Promise<T>) => Promise<T>;

export function createPartitionLock(): PartitionLock {
  const tails = new Map<number, Promise<unknown>>();
  return (partition, work) => {
    const previous = tails.get(partition) ?? Promise.resolve();
    const run = previous.then(work);
    const tail = run.catch(() => undefined);
    tails.set(partition, tail);
    void tail.then(() => { if (tails.get(partition) === tail) tails.delete(partition); });
    return run;
  };
}
