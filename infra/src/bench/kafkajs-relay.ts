// The Kafka floor's stand-in for a processor, through kafkajs: consume, produce and commit the
// offsets in one Kafka transaction per batch, with the processors' settings (processors/src/runtime/processor-runtime.ts:
// read_committed, one idempotent transactional producer per partition with one request in flight,
// a 10 s transaction timeout, fast retries of CONCURRENT_TRANSACTIONS), but no decider: it forwards
// each record unchanged, so what it costs is Kafka's share of a processor-decided reply. A failed
// batch goes to onError, and kafkajs then fetches it again; so does a crashed consumer.
import type { Kafka, Producer } from 'kafkajs';
import type { FloorRelay, RelayOptions } from './kafka-floor-client.ts';
import { perPartition } from './per-partition.ts';

/** Resolves once the group has given the relay its partitions. */
export async function startKafkajsRelay(kafka: Kafka, options: RelayOptions): Promise<FloorRelay> {
  const { inbound, outbound, relayGroupId } = options;
  const producers = perPartition(async (partition): Promise<Producer> => {
    const producer = kafka.producer({
      transactionalId: `${options.transactionalIdPrefix}-p${partition}`, idempotent: true, maxInFlightRequests: 1,
      transactionTimeout: 10_000, retry: { initialRetryTime: 5, maxRetryTime: 500, retries: 30 },
    });
    await producer.connect();
    return producer;
  });
  const consumer = kafka.consumer({ groupId: relayGroupId, readUncommitted: false, sessionTimeout: 10_000, heartbeatInterval: 3_000 });
  consumer.on(consumer.events.CRASH, ({ payload }) => options.onError(payload.error));
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic: inbound, fromBeginning: true });
  await consumer.run({
    autoCommit: false, partitionsConsumedConcurrently: options.partitions,
    eachBatch: async ({ batch }) => {
      if (batch.messages.length === 0) return;
      const transaction = await (await producers.of(batch.partition)).transaction();
      try {
        // Key and value only: the consumed record's timestamp and headers are not the relay's to send on.
        await transaction.sendBatch({ acks: -1, topicMessages: [{ topic: outbound, messages: batch.messages.map(({ key, value }) => ({ key, value })) }] });
        await transaction.sendOffsets({ consumerGroupId: relayGroupId, topics: [{ topic: inbound, partitions: [{ partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }] }] });
        await transaction.commit();
      } catch (error) {
        options.onError(error);
        await transaction.abort();
        throw error;
      }
    },
  });
  await joined;
  return {
    async stop() {
      await consumer.disconnect();
      await Promise.all(producers.made().map(async (p) => (await p).disconnect()));
    },
  };
}
