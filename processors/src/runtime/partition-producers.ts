// One transactional producer per keyed partition p (shared by ocpp.inbound and
// csms.command-requests, which are co-partitioned), named after the partition rather
// than the instance (the pre-KIP-447 design of Kafka Streams). kafkajs 2.2.4 sends no consumer
// group generation with sendOffsets, so the group cannot stop a stalled former owner from
// committing; the transactional id can: whoever takes partition p initialises `…-p${p}`,
// which aborts the old owner's open transaction and makes its every later commit fail.
// Each consuming group names its own (the decider runtime, the certificate authority), so
// they never fence each other.
import type { Producer } from 'kafkajs';
import type { Logger } from '@csms/infra';

/** The part of a kafkajs producer the runtime uses: the I/O port, faked in tests. */
export type TransactionalProducer = Pick<Producer, 'connect' | 'disconnect' | 'transaction'>;

export interface PartitionProducersOptions {
  /** Names the producers: partition p's is `${transactionalIdPrefix}-p${p}`; one per consuming group. */
  readonly transactionalIdPrefix: string;
  /** A new, unconnected transactional producer with this id (idempotent, maxInFlightRequests 1). */
  readonly createProducer: (transactionalId: string) => TransactionalProducer;
  readonly logger: Logger;
}

export interface PartitionProducers {
  /** Whether the partition has a producer (initialised or being initialised). */
  has(partition: number): boolean;
  /** The partition's producer; the first call creates it and fences the partition's previous owner. */
  acquire(partition: number): Promise<TransactionalProducer>;
  /** After a rebalance: disconnects the producers of partitions no longer assigned. */
  retain(partitions: Iterable<number>): Promise<void>;
  /** Drops this producer of the partition, fenced or stuck mid-transaction; the next acquire makes a new one. */
  discard(partition: number, producer: TransactionalProducer): Promise<void>;
  /** Disconnects every producer. */
  close(): Promise<void>;
}

export function partitionTransactionalId(transactionalIdPrefix: string, partition: number): string {
  return `${transactionalIdPrefix}-p${partition}`;
}

interface Entry {
  readonly producer: TransactionalProducer;
  readonly ready: Promise<TransactionalProducer>;
}

/**
 * kafkajs 2.2.4 registers the transactional id (InitProducerId, which fences and waits out the
 * previous holder's transaction) at the first transaction(), not at connect(); an empty
 * transaction does it now, and its abort sends nothing.
 */
async function initTransactions(producer: TransactionalProducer): Promise<TransactionalProducer> {
  await producer.connect();
  const transaction = await producer.transaction();
  await transaction.abort();
  return producer;
}

export function createPartitionProducers(options: PartitionProducersOptions): PartitionProducers {
  const entries = new Map<number, Entry>();

  async function disconnect(partition: number, producer: TransactionalProducer): Promise<void> {
    await producer.disconnect().catch((error: unknown) => {
      options.logger.warn({ err: error, partition }, 'disconnecting a partition producer failed');
    });
  }

  /** Forgets the partition's producer now and disconnects it once its initialisation has settled. */
  async function take(partition: number, only?: TransactionalProducer): Promise<void> {
    const entry = entries.get(partition);
    if (entry === undefined || (only !== undefined && entry.producer !== only)) return;
    entries.delete(partition);
    // A producer whose initialisation failed was disconnected by acquire.
    if (await entry.ready.then(() => true, () => false)) await disconnect(partition, entry.producer);
  }

  function acquire(partition: number): Promise<TransactionalProducer> {
    const present = entries.get(partition);
    if (present !== undefined) return present.ready;
    const producer = options.createProducer(partitionTransactionalId(options.transactionalIdPrefix, partition));
    const ready = initTransactions(producer).catch(async (error: unknown) => {
      if (entries.get(partition)?.producer === producer) entries.delete(partition);
      await disconnect(partition, producer);
      throw error;
    });
    entries.set(partition, { producer, ready });
    return ready;
  }

  return {
    has: (partition) => entries.has(partition),
    acquire,
    async retain(partitions) {
      const keep = new Set(partitions);
      await Promise.all([...entries.keys()].filter((p) => !keep.has(p)).map((p) => take(p)));
    },
    discard: take,
    async close() {
      await Promise.all([...entries.keys()].map((partition) => take(partition)));
    },
  };
}
