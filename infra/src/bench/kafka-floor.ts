// The second floor: a bare Kafka round trip with no OCPP and no business logic. A message goes
// produce → consume → produce (in a transaction, with its offsets) → consume, the path a
// processor-decided reply takes between the gateway and a processor, with the services' producer
// and consumer settings, on two scratch topics deleted afterwards. Driven open-loop at the same
// rate by the same driver, each "station" one key. Which Kafka client carries the round trip is
// the caller's choice (kafka-floor-client.ts); the topics are made and deleted through kafkajs,
// outside what is measured.
import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { KEYED_PARTITIONS } from '@csms/contracts';
import type { CallChannel } from './call-channel.ts';
import type { FloorLoop, KafkaFloorClient } from './kafka-floor-client.ts';
import { loadTally, type LoadResult } from './load-tally.ts';
import { runOpenLoop, type LoadedStation } from './open-loop.ts';
import type { BenchPlan, CycleMix } from './bench-plan.ts';
import { pendingCalls, type PendingCalls } from './pending-calls.ts';

export interface KafkaFloorOptions {
  /** Creates and deletes the scratch topics. */
  readonly kafka: Kafka;
  /** Carries the round trip, and names itself in the result's target. */
  readonly client: KafkaFloorClient;
  readonly stationIds: readonly string[];
  readonly plan: BenchPlan;
  readonly mix: CycleMix;
  readonly ratePerStation: number;
  readonly seconds: number;
  readonly timeoutMs: number;
  /** A failure in the relay or a consumer, which no call is charged with (its calls time out). */
  readonly onError: (error: unknown) => void;
}

interface Topics {
  readonly inbound: string;
  readonly outbound: string;
}

function channelOf(loop: FloorLoop, pending: PendingCalls, stationId: string): CallChannel {
  let n = 0;
  return {
    call(call) {
      const id = `${stationId}:${n++}`;
      const reply = pending.wait(id);
      loop.send({ key: stationId, value: JSON.stringify({ id, action: call.action, payload: call.payload }) })
        .catch(() => pending.settle(id, { kind: 'error', code: 'ProduceFailed' }));
      return reply;
    },
    close: () => undefined,
  };
}

async function createTopics(admin: Admin, run: string): Promise<Topics> {
  const topics = { inbound: `bench-floor-in-${run}`, outbound: `bench-floor-out-${run}` };
  await admin.createTopics({
    waitForLeaders: true,
    topics: [topics.inbound, topics.outbound].map((topic) => ({ topic, numPartitions: KEYED_PARTITIONS, replicationFactor: -1 })),
  });
  return topics;
}

/** The gateway-like producer, the processor-like relay and the gateway-like receiver, all joined. */
function openLoop(options: KafkaFloorOptions, topics: Topics, run: string, pending: PendingCalls): Promise<FloorLoop> {
  return options.client.open({
    ...topics, partitions: KEYED_PARTITIONS,
    relayGroupId: `bench-floor-relay-${run}`, transactionalIdPrefix: `bench-floor-${run}`, receiverGroupId: `bench-floor-receiver-${run}`,
    onReceived(value) {
      const { id } = JSON.parse(value) as { id: string };
      pending.settle(id, { kind: 'result', payload: null });
    },
    onError: options.onError,
  });
}

async function measure(options: KafkaFloorOptions, loop: FloorLoop, pending: PendingCalls, topics: Topics): Promise<LoadResult> {
  const stations: LoadedStation[] = options.stationIds.map((id) => ({ channel: channelOf(loop, pending, id), script: options.plan.script(options.mix) }));
  // One round trip per station first, as the stations boot before the window: the
  // transactional producers' set-up is not part of what is measured.
  await Promise.all(stations.map((s) => s.channel.call({ action: 'BootNotification', payload: options.plan.boot })));
  const tally = loadTally(options.plan.subprotocol);
  const elapsedSeconds = await runOpenLoop({ stations, ratePerStation: options.ratePerStation, seconds: options.seconds, tally, clock: () => performance.now() });
  return tally.result({
    target: `kafka (${options.client.name}) ${topics.inbound} → ${topics.outbound}`, stations: stations.length, connectErrors: 0, refused429: 0,
    ratePerStation: options.ratePerStation, seconds: options.seconds, elapsedSeconds,
  });
}

/**
 * What the floor opened, closed last first, each even when one before it failed (the scratch
 * topics are deleted even if the loop would not close); the first failure is then rethrown.
 */
function openedStack() {
  const closes: (() => Promise<unknown>)[] = [];
  return {
    opened(close: () => Promise<unknown>): void {
      closes.unshift(close);
    },
    async closeAll(): Promise<void> {
      const failures: unknown[] = [];
      for (const close of closes) await close().catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw failures[0];
    },
  };
}

export async function runKafkaFloor(options: KafkaFloorOptions): Promise<LoadResult> {
  const opened = openedStack();
  try {
    const admin = options.kafka.admin();
    await admin.connect();
    opened.opened(() => admin.disconnect());
    const run = randomUUID().slice(0, 8);
    const topics = await createTopics(admin, run);
    // Scratch topics left behind only clutter the broker: not worth failing the floor over.
    opened.opened(() => admin.deleteTopics({ topics: [topics.inbound, topics.outbound] }).catch(() => undefined));
    const pending = pendingCalls(options.timeoutMs);
    const loop = await openLoop(options, topics, run, pending);
    opened.opened(() => loop.close());
    return await measure(options, loop, pending, topics);
  } finally {
    await opened.closeAll();
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
