// kafkajs decides from what eachBatch throws whether the consumer lives on: an error marked
// `retriable: false`, or named TypeError, RangeError, ReferenceError or SyntaxError, stops it
// for good (kafkajs src/retry/index.js, src/consumer/index.js), and its partitions with it. Our
// runtimes throw only to have a batch tried again (a failing record is dead-lettered after its
// attempts), so whatever else failed inside a batch is handed to kafkajs as retriable.
// kafkajs's own errors pass unchanged: it reads their type to tell a rebalance from a failure.

const UNRECOVERABLE_NAMES: ReadonlySet<string> = new Set(['RangeError', 'ReferenceError', 'SyntaxError', 'TypeError']);

export class BatchRetryError extends Error {
  readonly retriable = true;

  constructor(cause: unknown) {
    super(`the batch is tried again: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'BatchRetryError';
  }
}

/** What to throw to kafkajs for an error out of a batch so that it fetches the batch again. */
export function retriableByKafkajs(error: unknown): unknown {
  if (!(error instanceof Error)) return new BatchRetryError(error);
  if (error.name.startsWith('KafkaJS')) return error;
  const marked = (error as { retriable?: unknown }).retriable;
  return marked === false || UNRECOVERABLE_NAMES.has(error.name) ? new BatchRetryError(error) : error;
}

/** Runs a batch's work; a failure reaches kafkajs as one it retries (see above), and `onRetry` is told (for the metrics). */
export async function retriedByKafkajs<T>(work: () => Promise<T>, onRetry: () => void = () => undefined): Promise<T> {
  try {
    return await work();
  } catch (error) {
    onRetry();
    throw retriableByKafkajs(error);
  }
}
