// The Kafka floor's processor stand-in through @platformatic/kafka, mirroring kafkajs-relay.ts:
// read_committed, one idempotent transactional producer per partition (one request in flight, as
// the client has for every idempotent producer), a 10 s transaction timeout, fast retries of
// CONCURRENT_TRANSACTIONS; each transaction sends the records and commits the consumed offset.
// Where it differs: the client consumes as one stream of records, not as batches per partition
// with the next fetch held back until the batch is done. So each partition runs one transaction
// at a time over what arrived while the one before it ran (group-send.ts), and the stream goes on
// fetching meanwhile. A failed transaction is aborted and its records are not fetched again, as
// kafkajs would: their calls time out.
import {
  Consumer, FetchIsolationLevels, MessagesStreamFallbackModes, MessagesStreamModes, Producer, stringDeserializers, stringSerializers,
  type Message,
} from '@platformatic/kafka';
import { groupSend, type GroupSend } from './group-send.ts';
import type { KafkaConnection } from './kafka-floor-client.ts';
import { backoff, clientBase } from './platformatic-settings.ts';

type Received = Message<string, string, string, string>;
type Transactional = Producer<string, string, string, string>;

export interface PlatformaticRelayOptions {
  readonly connection: KafkaConnection;
  readonly from: string;
  readonly to: string;
  readonly groupId: string;
  readonly transactionalIdPrefix: string;
  readonly onError: (error: unknown) => void;
}

export interface PlatformaticRelay {
  stop(): Promise<void>;
}

async function relayBatch(producer: Transactional, consumer: Consumer<string, string, string, string>, to: string, batch: Received[]): Promise<void> {
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
export async function startPlatformaticRelay(options: PlatformaticRelayOptions): Promise<PlatformaticRelay> {
  const { connection, to } = options;
  const base = clientBase(connection);
  const consumer = new Consumer({
    ...base, groupId: options.groupId, sessionTimeout: 10_000, heartbeatInterval: 3_000,
    autocommit: false, isolationLevel: FetchIsolationLevels.READ_COMMITTED, deserializers: stringDeserializers,
  });
  const producers: Transactional[] = [];
  const lanes = new Map<number, GroupSend<Received>>();
  const laneOf = (partition: number): GroupSend<Received> => {
    const existing = lanes.get(partition);
    if (existing !== undefined) return existing;
    const producer = new Producer({
      ...base, transactionalId: `${options.transactionalIdPrefix}-p${partition}`, idempotent: true,
      // `timeout` is also the transaction timeout the producer registers with the coordinator.
      timeout: 10_000, ...backoff(30, 5, 500), serializers: stringSerializers,
    });
    producers.push(producer);
    // Reported once per batch here, so the lane's sends never reject.
    const lane = groupSend<Received>((batch) => relayBatch(producer, consumer, to, batch).catch(options.onError));
    lanes.set(partition, lane);
    return lane;
  };
  // Joins the group before it resolves; a new group starts from the earliest offsets, as
  // kafkajs's fromBeginning does.
  const stream = await consumer.consume({ topics: [options.from], mode: MessagesStreamModes.COMMITTED, fallbackMode: MessagesStreamFallbackModes.EARLIEST });
  stream.on('error', options.onError);
  stream.on('data', (message: Received) => { void laneOf(message.partition).send(message); });
  return {
    async stop() {
      await consumer.close(true);
      await Promise.allSettled(producers.map((p) => p.close()));
    },
  };
}
