// Feeds the live hub from the domain topics: a consumer in a group of its own (random id, no
// offsets committed, so the broker forgets the group once it leaves) that starts at the end of
// each partition, since the console wants what happens from now on; what happened before is in
// the read models. read_committed: only facts the processors committed; and each event waits at
// the read-model gate until the projections have folded its record.
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import { watchGroupMembership, type GroupWatch, type Logger } from '@csms/infra';
import { LIVE_TOPICS, liveEventOf, type LiveTopic } from './live-event.ts';
import type { LiveHub } from './live-hub.ts';
import type { ReadModelGate } from './read-model-gate.ts';

export interface LiveFeedOptions {
  readonly kafka: Kafka;
  readonly serde: Pick<Serde, 'decode'>;
  readonly hub: LiveHub;
  readonly gate: ReadModelGate;
  readonly topicPrefix: string;
  readonly logger: Logger;
  /** Waited before a consumer that crashed for good, or fell out of its group, is replaced. */
  readonly restartDelayMs?: number;
}

export interface LiveFeed {
  stop(): Promise<void>;
}

export async function startLiveFeed(options: LiveFeedOptions): Promise<LiveFeed> {
  const { kafka, serde, hub, gate, topicPrefix, logger } = options;
  const restartDelayMs = options.restartDelayMs ?? 5_000;
  const byName = new Map<string, LiveTopic>(LIVE_TOPICS.map((topic) => [topicName(topic, topicPrefix), topic]));
  let current: Consumer | null = null;
  let currentWatch: GroupWatch | null = null;
  let stopped = false;

  function retryLater(error: unknown): void {
    logger.warn({ err: error }, 'live feed consumer could not start; trying again');
    if (!stopped) setTimeout(() => void start().catch(retryLater), restartDelayMs).unref();
  }

  async function start(): Promise<void> {
    const consumer = kafka.consumer({ groupId: `${topicPrefix}csms-api-live-${randomUUID()}`, readUncommitted: false });
    current = consumer;
    hub.setFollowing(false);
    // The first fetch after a join comes after the start offsets were resolved: from then on,
    // nothing committed to the topics is missed.
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => { joined = true; });
    consumer.on(consumer.events.FETCH_START, () => {
      if (joined) hub.setFollowing(true);
      joined = false;
    });
    // The same watch as the services' consumers; where they exit for their supervisor, the api
    // replaces only this consumer: the rest of the api is fine.
    const watch = watchGroupMembership({
      consumer,
      onLost: (reason) => {
        if (stopped || consumer !== current) return;
        watch.stop();
        logger.warn({ reason }, 'live feed consumer lost; replacing it');
        setTimeout(() => void consumer.disconnect().catch(() => undefined).then(() => (stopped ? undefined : start())).catch(retryLater),
          restartDelayMs).unref();
      },
    });
    currentWatch = watch;
    await consumer.connect();
    for (const name of byName.keys()) await consumer.subscribe({ topic: name, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const liveTopic = byName.get(topic);
        if (liveTopic === undefined || message.value === null || hub.size === 0) return;
        try {
          const event = liveEventOf(liveTopic, await serde.decode(liveTopic, message.value));
          if (event !== null) gate.hold(topic, partition, BigInt(message.offset), event);
        } catch (error) {
          // A screen misses one update; the stream goes on (the read models have the fact).
          logger.warn({ err: error, topic, offset: message.offset }, 'live feed could not decode a record');
        }
      },
    });
  }

  await start();
  return {
    async stop() {
      stopped = true;
      gate.stop();
      currentWatch?.stop();
      await current?.disconnect();
    },
  };
}
