// The Kafka floor's stand-in for a processor, through kafkajs: consume, produce and commit the
// offsets in one Kafka transaction per batch, with the processors' settings (processors/src/runtime/processor-runtime.ts:
// read_committed, one idempotent transactional producer per partition with one request in flight,
// a 10 s transaction timeout, fast retries of CONCURRENT_TRANSACTIONS), but no decider: it forwards
// each record unchanged, so what it costs is Kafka's share of a processor-decided reply.
import type { Kafka, Producer } from 'kafkajs';

export interface FloorRelayOptions {
  readonly kafka: Kafka;
  readonly from: string;
  readonly to: string;
  readonly groupId: string;
  readonly transactionalIdPrefix: string;
  readonly partitions: number;
  /** A failed batch (kafkajs then fetches it again) or a crashed consumer. */
  readonly onError: (error: unknown) => void;
}

export interface FloorRelay {
  /** Resolves once the group has given it its partitions. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface PartitionProducers {
  of(partition: number): Promise<Producer>;
  close(): Promise<void>;
}

/** Partition p's transactional producer, made and connected on its first batch. */
function partitionProducers(kafka: Kafka, transactionalIdPrefix: string): PartitionProducers {
  const producers = new Map<number, Promise<Producer>>();
  return {
    of(partition) {
      const existing = producers.get(partition);
      if (existing !== undefined) return existing;
      const producer = kafka.producer({
        transactionalId: `${transactionalIdPrefix}-p${partition}`, idempotent: true, maxInFlightRequests: 1,
        transactionTimeout: 10_000, retry: { initialRetryTime: 5, maxRetryTime: 500, retries: 30 },
      });
      const connected = producer.connect().then(() => producer);
      producers.set(partition, connected);
      return connected;
    },
    close: async () => { await Promise.all([...producers.values()].map(async (p) => (await p).disconnect())); },
  };
}

export function floorRelay(options: FloorRelayOptions): FloorRelay {
  const { kafka, from, to, groupId } = options;
  const producers = partitionProducers(kafka, options.transactionalIdPrefix);
  const consumer = kafka.consumer({ groupId, readUncommitted: false, sessionTimeout: 10_000, heartbeatInterval: 3_000 });
  consumer.on(consumer.events.CRASH, ({ payload }) => options.onError(payload.error));
  return {
    async start() {
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.connect();
      await consumer.subscribe({ topic: from, fromBeginning: true });
      await consumer.run({
        autoCommit: false, partitionsConsumedConcurrently: options.partitions,
        eachBatch: async ({ batch }) => {
          if (batch.messages.length === 0) return;
          const transaction = await (await producers.of(batch.partition)).transaction();
          try {
            await transaction.sendBatch({ acks: -1, topicMessages: [{ topic: to, messages: batch.messages.map(({ key, value }) => ({ key, value })) }] });
            await transaction.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: from, partitions: [{ partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }] }] });
            await transaction.commit();
          } catch (error) {
            options.onError(error);
            await transaction.abort();
            throw error;
          }
        },
      });
      await joined;
    },
    async stop() {
      await consumer.disconnect();
      await producers.close();
    },
  };
}
