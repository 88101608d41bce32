// The Kafka floor's processor stand-in through @confluentinc/kafka-javascript's KafkaJS-compatible
// API, mirroring kafkajs-relay.ts setting for setting: read_committed, eachBatch with no auto
// commit, partitions side by side, one idempotent transactional producer per partition with one
// request in flight, a 10 s transaction timeout and kafkajs's fast retries (which this API maps
// onto librdkafka's backoff). Where it differs: a batch is what librdkafka has fetched for the
// partition (js.consumer.max.batch.size -1; the API's default is at most 32 records), and each
// producer is a librdkafka instance with threads of its own. Producers send at once (linger.ms 0,
// librdkafka's default is 5 ms), as kafkajs does.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConfluentConsumer, ConfluentKafka, ConfluentProducer } from './confluent-module.ts';

export interface ConfluentRelayOptions {
  readonly kafka: ConfluentKafka;
  readonly from: string;
  readonly to: string;
  readonly groupId: string;
  readonly transactionalIdPrefix: string;
  readonly partitions: number;
  /** A failed batch, which the consumer then fetches again. */
  readonly onError: (error: unknown) => void;
}

export interface ConfluentRelay {
  stop(): Promise<void>;
}

/**
 * This API has no group-join event; a consumer that has partitions has joined. Waits as long as
 * a first join can take (a session timeout and then some).
 */
export async function untilAssigned(consumer: ConfluentConsumer, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (consumer.assignment().length === 0) {
    if (performance.now() > deadline) throw new Error(`no partitions assigned within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Partition p's transactional producer, made and connected on its first batch. */
function partitionProducers(kafka: ConfluentKafka, transactionalIdPrefix: string) {
  const producers = new Map<number, Promise<ConfluentProducer>>();
  return {
    of(partition: number): Promise<ConfluentProducer> {
      const existing = producers.get(partition);
      if (existing !== undefined) return existing;
      const producer = kafka.producer({
        'linger.ms': 0,
        kafkaJS: {
          transactionalId: `${transactionalIdPrefix}-p${partition}`, idempotent: true, maxInFlightRequests: 1, acks: -1,
          transactionTimeout: 10_000, retry: { initialRetryTime: 5, maxRetryTime: 500, retries: 30 },
        },
      });
      const connected = producer.connect().then(() => producer);
      producers.set(partition, connected);
      return connected;
    },
    close: async () => { await Promise.allSettled([...producers.values()].map(async (p) => (await p).disconnect())); },
  };
}

/** Resolves once the group has given the relay its partitions. */
export async function startConfluentRelay(options: ConfluentRelayOptions): Promise<ConfluentRelay> {
  const { kafka, from, to } = options;
  const producers = partitionProducers(kafka, options.transactionalIdPrefix);
  const consumer = kafka.consumer({
    'js.consumer.max.batch.size': -1,
    kafkaJS: { groupId: options.groupId, fromBeginning: true, autoCommit: false, readUncommitted: false, sessionTimeout: 10_000, heartbeatInterval: 3_000 },
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [from] });
  await consumer.run({
    partitionsConsumedConcurrently: options.partitions,
    eachBatch: async ({ batch }) => {
      if (batch.messages.length === 0) return;
      const transaction = await (await producers.of(batch.partition)).transaction();
      try {
        await transaction.send({ topic: to, messages: batch.messages.map(({ key, value }) => ({ key, value })) });
        await transaction.sendOffsets({ consumer, topics: [{ topic: from, partitions: [{ partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }] }] });
        await transaction.commit();
      } catch (error) {
        options.onError(error);
        await transaction.abort();
        throw error;
      }
    },
  });
  await untilAssigned(consumer);
  return {
    async stop() {
      await consumer.disconnect();
      await producers.close();
    },
  };
}
