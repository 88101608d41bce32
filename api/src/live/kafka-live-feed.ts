// Feeds the live hub from the domain topics: a consumer in a group of its own (random id, no
// offsets committed, so the broker forgets the group once it leaves) that starts at the end of
// each partition, since the console wants what happens from now on; what happened before is in
// the read models. read_committed: only facts the processors committed reach a screen.
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import { LIVE_TOPICS, liveEventOf, type LiveTopic } from './live-event.ts';
import type { LiveHub } from './live-hub.ts';

export interface LiveFeedOptions {
  readonly kafka: Kafka;
  readonly serde: Pick<Serde, 'decode'>;
  readonly hub: LiveHub;
  readonly topicPrefix: string;
  readonly logger: Logger;
  /** Waited before a consumer that crashed for good is replaced. */
  readonly restartDelayMs?: number;
}

export interface LiveFeed {
  stop(): Promise<void>;
}

export async function startLiveFeed(options: LiveFeedOptions): Promise<LiveFeed> {
  const { kafka, serde, hub, topicPrefix, logger } = options;
  const byName = new Map<string, LiveTopic>(LIVE_TOPICS.map((topic) => [topicName(topic, topicPrefix), topic]));
  let consumer: Consumer | null = null;
  let stopped = false;

  async function start(): Promise<void> {
    const current = kafka.consumer({ groupId: `${topicPrefix}csms-api-live-${randomUUID()}`, readUncommitted: false });
    consumer = current;
    hub.setFollowing(false);
    // The first fetch after a join comes after the start offsets were resolved: from then on,
    // nothing committed to the topics is missed.
    let joined = false;
    current.on(current.events.GROUP_JOIN, () => { joined = true; });
    current.on(current.events.FETCH_START, () => {
      if (joined) hub.setFollowing(true);
      joined = false;
    });
    // kafkajs restarts a consumer itself after a retriable error; one it gives up on is replaced.
    current.on(current.events.CRASH, ({ payload }) => {
      if (payload.restart || stopped) return;
      logger.warn({ err: payload.error }, 'live feed consumer stopped; replacing it');
      setTimeout(() => void current.disconnect().catch(() => {}).then(() => (stopped ? undefined : start())).catch(retryLater),
        options.restartDelayMs ?? 5_000).unref();
    });
    await current.connect();
    for (const name of byName.keys()) await current.subscribe({ topic: name, fromBeginning: false });
    await current.run({
      autoCommit: false,
      eachMessage: async ({ topic, message }) => {
        const liveTopic = byName.get(topic);
        if (liveTopic === undefined || message.value === null || hub.size === 0) return;
        try {
          const event = liveEventOf(liveTopic, await serde.decode(liveTopic, message.value));
          if (event !== null) hub.publish(event);
        } catch (error) {
          // A screen misses one update; the stream goes on (the read models have the fact).
          logger.warn({ err: error, topic, offset: message.offset }, 'live feed could not decode a record');
        }
      },
    });
  }

  function retryLater(error: unknown): void {
    logger.warn({ err: error }, 'live feed consumer could not start; trying again');
    if (!stopped) setTimeout(() => void start().catch(retryLater), options.restartDelayMs ?? 5_000).unref();
  }

  await start();
  return {
    async stop() {
      stopped = true;
      await consumer?.disconnect();
    },
  };
}
