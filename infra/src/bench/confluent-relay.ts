// The Kafka floor's processor stand-in through @confluentinc/kafka-javascript's KafkaJS-compatible
// API, mirroring kafkajs-relay.ts setting for setting: read_committed, eachBatch with no auto
// commit, partitions side by side, one idempotent transactional producer per partition with one
// request in flight, a 10 s transaction timeout and kafkajs's fast retries (which this API maps
// onto librdkafka's backoff). Where it differs: a batch is what librdkafka has fetched for the
// partition (js.consumer.max.batch.size -1; the API's default is at most 32 records), and each
// producer is a librdkafka instance with threads of its own. Producers send at once (linger.ms 0,
// librdkafka's default is 5 ms), as kafkajs does. A failed batch goes to onError, and the
// consumer then fetches it again.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConfluentConsumer, ConfluentKafka, ConfluentProducer } from './confluent-module.ts';
import type { FloorRelay, RelayOptions } from './kafka-floor-client.ts';
import { perPartition } from './per-partition.ts';

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

/** Resolves once the group has given the relay its partitions. */
export async function startConfluentRelay(kafka: ConfluentKafka, options: RelayOptions): Promise<FloorRelay> {
  const { inbound, outbound } = options;
  const producers = perPartition(async (partition): Promise<ConfluentProducer> => {
    const producer = kafka.producer({
      'linger.ms': 0,
      kafkaJS: {
        transactionalId: `${options.transactionalIdPrefix}-p${partition}`, idempotent: true, maxInFlightRequests: 1, acks: -1,
        transactionTimeout: 10_000, retry: { initialRetryTime: 5, maxRetryTime: 500, retries: 30 },
      },
    });
    await producer.connect();
    return producer;
  });
  const consumer = kafka.consumer({
    'js.consumer.max.batch.size': -1,
    kafkaJS: { groupId: options.relayGroupId, fromBeginning: true, autoCommit: false, readUncommitted: false, sessionTimeout: 10_000, heartbeatInterval: 3_000 },
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [inbound] });
  await consumer.run({
    partitionsConsumedConcurrently: options.partitions,
    eachBatch: async ({ batch }) => {
      if (batch.messages.length === 0) return;
      const transaction = await (await producers.of(batch.partition)).transaction();
      try {
        // Key and value only: the consumed record's timestamp and headers are not the relay's to send on.
        await transaction.send({ topic: outbound, messages: batch.messages.map(({ key, value }) => ({ key, value })) });
        await transaction.sendOffsets({ consumer, topics: [{ topic: inbound, partitions: [{ partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }] }] });
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
      await Promise.allSettled(producers.made().map(async (p) => (await p).disconnect()));
    },
  };
}
