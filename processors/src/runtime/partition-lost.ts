// How a batch's transaction can leave its partition unusable, and the error the batch
// handler then throws. Either way the partition's producer and memory are dropped and
// rebuilt (fence first, then reload snapshots) before the partition is processed again.
//   fenced:    another producer with the partition's transactional id has initialised since
//              ours: the partition's new owner, or the broker aborting our transaction after
//              transactionTimeout. Our transaction is already aborted; nothing to undo.
//   in-doubt:  the transaction failed and could not be aborted (kafkajs leaves a failed commit
//              in COMMITTING, where abort is illegal), so whether it committed is unknown.

export type PartitionLossReason = 'fenced' | 'in-doubt';

export class PartitionLostError extends Error {
  readonly code = 'PARTITION_LOST';
  /** kafkajs retries a retriable error from eachBatch (re-fetching the batch); a non-retriable one stops the consumer for good. */
  readonly retriable = true;
  readonly partition: number;
  readonly reason: PartitionLossReason;

  constructor(partition: number, reason: PartitionLossReason, options: { cause: unknown }) {
    super(`partition ${partition} lost (${reason}); its state is reloaded before it is processed again`, options);
    this.name = 'PartitionLostError';
    this.partition = partition;
    this.reason = reason;
  }
}

// kafkajs 2.2.4 reports fencing as the broker's INVALID_PRODUCER_EPOCH (47). Newer brokers send
// PRODUCER_FENCED (90) only to request versions kafkajs does not use, and kafkajs does not know
// code 90; it is listed so a kafkajs that learns it keeps working.
const FENCED_TYPES: ReadonlySet<string> = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);
const MAX_DEPTH = 8;

/**
 * Whether a kafkajs error, or any error it wraps (`cause` of its retrier's wrappers, `errors`
 * of an aggregate), says a newer producer holds our transactional id. Matched on `type`, never on the message.
 */
export function isProducerFenced(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
  if ('type' in error && typeof error.type === 'string' && FENCED_TYPES.has(error.type)) return true;
  if ('cause' in error && isProducerFenced(error.cause, depth + 1)) return true;
  return 'errors' in error && Array.isArray(error.errors) && error.errors.some((inner: unknown) => isProducerFenced(inner, depth + 1));
}
