// The Kafka floor's processor stand-in through @platformatic/kafka, mirroring kafkajs-relay.ts:
// read_committed, one idempotent transactional producer per partition (one request in flight, as
// the client has for every idempotent producer), a 10 s transaction timeout, fast retries of
// CONCURRENT_TRANSACTIONS; each transaction sends the records and commits the consumed offset.
// Records pass through as the Buffers fetched (the client's default), neither decoded nor encoded
// again, as the kafkajs and confluent relays pass theirs. Where it differs: the client consumes as
// one stream of records, not as batches per partition with the next fetch held back until the
// batch is done. So each partition runs one transaction at a time over what arrived while the one
// before it ran (group-send.ts), and the stream goes on fetching meanwhile. A failed transaction
// is aborted and its records are not fetched again, unlike kafkajs, which fetches them again:
// their calls time out.
import { Consumer, FetchIsolationLevels, MessagesStreamFallbackModes, MessagesStreamModes, Producer, type Message } from '@platformatic/kafka';
import { groupSend, type GroupSend } from './group-send.ts';
import type { FloorRelay, KafkaConnection, RelayOptions } from './kafka-floor-client.ts';
import { perPartition } from './per-partition.ts';
import { backoff, clientBase } from './platformatic-settings.ts';

/** A partition's transactional producer, and the lane its transactions run in one at a time. */
interface Lane {
  readonly producer: Producer;
  readonly transactions: GroupSend<Message>;
}

async function relayBatch(producer: Producer, consumer: Consumer, to: string, batch: Message[]): Promise<void> {
  const transaction = await producer.beginTransaction();
  try {
    await transaction.send({ messages: batch.map(({ key, value }) => ({ topic: to, key, value })) });
    await transaction.addConsumer(consumer);
    // The last record's offset + 1, as kafkajs-relay.ts commits, in one TxnOffsetCommit.
    await transaction.addOffset(batch[batch.length - 1]!);
    await transaction.commit();
  } catch (error) {
    // An abort that fails leaves the producer's transaction open; cancel forgets it locally so
    // that the partition's next batch can begin one (the broker times the old one out).
    await transaction.abort().catch(() => transaction.cancel());
    throw error;
  }
}

/** Resolves once the group has given the relay its partitions. */
export async function startPlatformaticRelay(connection: KafkaConnection, options: RelayOptions): Promise<FloorRelay> {
  const base = clientBase(connection);
  const consumer = new Consumer({
    ...base, groupId: options.relayGroupId, sessionTimeout: 10_000, heartbeatInterval: 3_000,
    autocommit: false, isolationLevel: FetchIsolationLevels.READ_COMMITTED,
  });
  const lanes = perPartition((partition): Lane => {
    const producer = new Producer({
      ...base, transactionalId: `${options.transactionalIdPrefix}-p${partition}`, idempotent: true,
      // `timeout` is also the transaction timeout the producer registers with the coordinator.
      timeout: 10_000, ...backoff(30, 5, 500),
    });
    // Reported once per batch here, so the lane's sends never reject.
    return { producer, transactions: groupSend<Message>((batch) => relayBatch(producer, consumer, options.outbound, batch).catch(options.onError)) };
  });
  // Joins the group before it resolves; a new group starts from the earliest offsets, as
  // kafkajs's fromBeginning does.
  const stream = await consumer.consume({ topics: [options.inbound], mode: MessagesStreamModes.COMMITTED, fallbackMode: MessagesStreamFallbackModes.EARLIEST });
  stream.on('error', options.onError);
  stream.on('data', (message: Message) => { void lanes.of(message.partition).transactions.send(message); });
  return {
    async stop() {
      await consumer.close(true);
      await Promise.allSettled(lanes.made().map((lane) => lane.producer.close()));
    },
  };
}
