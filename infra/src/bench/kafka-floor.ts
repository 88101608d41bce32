// The second floor: a bare Kafka round trip with no OCPP and no business logic. A message goes
// produce → consume → produce (in a transaction, with its offsets) → consume, the path a
// processor-decided reply takes between the gateway and a processor, with the services' producer
// and consumer settings, on two scratch topics deleted afterwards. Driven open-loop at the same
// rate by the same driver, each "station" one key.
import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { KEYED_PARTITIONS } from '@csms/contracts';
import type { CallChannel } from './call-channel.ts';
import { floorRelay, type FloorRelay } from './floor-relay.ts';
import { groupSend, type GroupSend } from './group-send.ts';
import { loadTally, type LoadResult } from './load-tally.ts';
import { runOpenLoop, type LoadedStation } from './open-loop.ts';
import type { BenchPlan, CycleMix } from './bench-plan.ts';
import { pendingCalls, type PendingCalls } from './pending-calls.ts';

export interface KafkaFloorOptions {
  readonly kafka: Kafka;
  readonly stationIds: readonly string[];
  readonly plan: BenchPlan;
  readonly mix: CycleMix;
  readonly ratePerStation: number;
  readonly seconds: number;
  readonly timeoutMs: number;
}

interface Loop {
  readonly inbound: string;
  readonly outbound: string;
  readonly producer: Producer;
  readonly sender: GroupSend;
  readonly relay: FloorRelay;
  readonly receiver: ReturnType<Kafka['consumer']>;
  readonly pending: PendingCalls;
}

function channelOf(loop: Loop, stationId: string): CallChannel {
  let n = 0;
  return {
    call(call) {
      const id = `${stationId}:${n++}`;
      const reply = loop.pending.wait(id);
      loop.sender.send({ key: stationId, value: JSON.stringify({ id, action: call.action, payload: call.payload }) })
        .catch(() => loop.pending.settle(id, { kind: 'error', code: 'ProduceFailed' }));
      return reply;
    },
    close: () => undefined,
  };
}

/** Topics, the gateway-like producer, the processor-like relay and the gateway-like receiver, all joined. */
async function openLoop(kafka: Kafka, admin: Admin, timeoutMs: number): Promise<Loop> {
  const run = randomUUID().slice(0, 8);
  const [inbound, outbound] = [`bench-floor-in-${run}`, `bench-floor-out-${run}`];
  await admin.createTopics({ waitForLeaders: true, topics: [inbound, outbound].map((topic) => ({ topic, numPartitions: KEYED_PARTITIONS, replicationFactor: -1 })) });
  // The gateway's producer: idempotent, acks=all, one request in flight (gateway/src/kafka-writer.ts).
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const sender = groupSend(async (messages) => { await producer.sendBatch({ acks: -1, topicMessages: [{ topic: inbound, messages }] }); });
  const relay = floorRelay({ kafka, from: inbound, to: outbound, groupId: `bench-floor-relay-${run}`, transactionalIdPrefix: `bench-floor-${run}`, partitions: KEYED_PARTITIONS });
  await relay.start();
  const pending = pendingCalls(timeoutMs);
  // The gateway's outbound consumer: a plain group member (gateway/src/outbound-consumer.ts).
  const receiver = kafka.consumer({ groupId: `bench-floor-receiver-${run}` });
  const joined = new Promise<void>((resolve) => receiver.on(receiver.events.GROUP_JOIN, () => resolve()));
  await receiver.connect();
  await receiver.subscribe({ topic: outbound, fromBeginning: true });
  await receiver.run({
    eachMessage: async ({ message }) => {
      const { id } = JSON.parse(String(message.value)) as { id: string };
      pending.settle(id, { kind: 'result', payload: null });
    },
  });
  await joined;
  return { inbound, outbound, producer, sender, relay, receiver, pending };
}

async function closeLoop(loop: Loop, admin: Admin): Promise<void> {
  await Promise.allSettled([loop.receiver.disconnect(), loop.relay.stop(), loop.producer.disconnect()]);
  await admin.deleteTopics({ topics: [loop.inbound, loop.outbound] }).catch(() => undefined);
}

export async function runKafkaFloor(options: KafkaFloorOptions): Promise<LoadResult> {
  const admin = options.kafka.admin();
  await admin.connect();
  try {
    const loop = await openLoop(options.kafka, admin, options.timeoutMs);
    try {
      const stations: LoadedStation[] = options.stationIds.map((id) => ({ channel: channelOf(loop, id), script: options.plan.script(options.mix, id) }));
      // One round trip per station first, as the stations boot before the window: the
      // transactional producers' set-up is not part of what is measured.
      await Promise.all(stations.map((s) => s.channel.call({ action: 'BootNotification', payload: options.plan.boot })));
      const tally = loadTally(options.plan.subprotocol);
      const elapsedSeconds = await runOpenLoop({ stations, ratePerStation: options.ratePerStation, seconds: options.seconds, tally, clock: () => performance.now() });
      return tally.result({
        target: `kafka ${loop.inbound} → ${loop.outbound}`, stations: stations.length, connectErrors: 0, refused429: 0,
        ratePerStation: options.ratePerStation, seconds: options.seconds, elapsedSeconds,
      });
    } finally {
      await closeLoop(loop, admin);
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Whether a broker answers. Pass a client of its own with short retries, so that an absent Kafka
 * costs the run seconds, not kafkajs's default of reconnecting for a long while.
 */
export async function kafkaAnswers(kafka: Kafka): Promise<boolean> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
