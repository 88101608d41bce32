// What `npm run kafka-client-check` writes and how it judges what a read_committed consumer got
// back. One transactional producer runs transactions that commit or abort in a fixed pattern
// (aborts back to back, as a processor's failed batches abort), spread over every partition, and
// ends with one committed `end` record per partition. A consumer that honours read_committed
// delivers every committed record once and no aborted one; since a partition's `end` comes after
// everything else written to it, a consumer that has seen every `end` has been offered the rest.
// Pure.

export interface PlannedRecord {
  readonly partition: number;
  readonly value: string;
}

export interface PlannedTransaction {
  readonly commit: boolean;
  readonly records: readonly PlannedRecord[];
}

export interface ReadRecord {
  readonly partition: number;
  readonly value: string;
}

export interface CheckTally {
  readonly committed: number;
  readonly aborted: number;
  readonly committedDelivered: number;
  readonly missing: number;
  readonly abortedDelivered: number;
  readonly duplicates: number;
  /** Neither written committed nor aborted: a corrupted or foreign record. */
  readonly unknown: number;
}

/** Commit (c) or abort (a): runs of one to three aborts between commits. */
const PATTERN = 'caacaaacca';
const END = 'end';

export function abortPlan(transactions: number, partitions: number): PlannedTransaction[] {
  const plan: PlannedTransaction[] = [];
  for (let t = 0; t < transactions; t++) {
    const commit = PATTERN[t % PATTERN.length] === 'c';
    const records = Array.from({ length: 1 + (t % 4) }, (_, r) => ({
      partition: (t + r) % partitions,
      value: `${commit ? 'committed' : 'aborted'}-${t}-${r}`,
    }));
    plan.push({ commit, records });
  }
  plan.push({ commit: true, records: Array.from({ length: partitions }, (_, partition) => ({ partition, value: END })) });
  return plan;
}

/** Whether the reader has seen every partition's end (given the records read so far). */
export function endsSeen(read: readonly ReadRecord[], partitions: number): boolean {
  return new Set(read.filter((record) => record.value === END).map((record) => record.partition)).size === partitions;
}

export function tally(plan: readonly PlannedTransaction[], read: readonly ReadRecord[]): CheckTally {
  const committed = new Set<string>();
  const aborted = new Set<string>();
  for (const transaction of plan) {
    for (const record of transaction.records) (transaction.commit ? committed : aborted).add(`${record.partition}/${record.value}`);
  }
  const delivered = new Set<string>();
  let duplicates = 0;
  let abortedDelivered = 0;
  let unknown = 0;
  for (const record of read) {
    const id = `${record.partition}/${record.value}`;
    if (delivered.has(id)) duplicates++;
    delivered.add(id);
    if (aborted.has(id)) abortedDelivered++;
    else if (!committed.has(id)) unknown++;
  }
  const committedDelivered = [...committed].filter((id) => delivered.has(id)).length;
  return {
    committed: committed.size, aborted: aborted.size, committedDelivered,
    missing: committed.size - committedDelivered, abortedDelivered, duplicates, unknown,
  };
}

/** Whether the client honoured read_committed: every committed record once, nothing else. */
export function honoured(result: CheckTally): boolean {
  return result.missing === 0 && result.abortedDelivered === 0 && result.duplicates === 0 && result.unknown === 0;
}
