// An idempotent kafkajs producer, replaced by a fresh one after any failed send: every service
// writes through one (the gateway's records, the api's writes, the projections' dead letters and re-drives),
// so none is left refusing writes after a broker restart. kafkajs 2.2.4 rolls back an idempotent
// producer's sequence numbers when a request fails (a MESSAGE_TOO_LARGE, a broker restart
// mid-request), and every later request is then refused as OUT_OF_ORDER_SEQUENCE_NUMBER: a
// failed producer must never be used again. A new one gets a new producer id, so its sequences
// start afresh.
import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import type { Logger } from './logger.ts';

export interface OutgoingMessage {
  readonly topic: string;
  /** Null only for a record appended again as it was written without one (a re-driven dead letter). */
  readonly key: string | null;
  /** Null: a tombstone, on a compacted topic. */
  readonly value: Buffer | null;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a writer needs of a producer: acknowledged (acks=all) sends, failing as a whole. */
export interface MessageSender {
  send(messages: readonly OutgoingMessage[]): Promise<void>;
}

export type ProducerState = 'starting' | 'up' | 'down';

export interface ReplaceableProducerOptions {
  /** A new, unconnected producer (idempotent, acks=all, one request in flight). */
  readonly createProducer: () => Producer;
  readonly logger: Logger;
  /** Told each time a failed producer is retired. */
  readonly onReplaced?: () => void;
}

export interface ReplaceableProducer extends MessageSender {
  /** Connects the first producer; says nothing yet of whether writes succeed. */
  connect(): Promise<void>;
  /**
   * What the last write did: 'up' after one succeeded, 'down' after one failed, 'starting'
   * before any. Only a write tells: a producer connects (fetches metadata) while the cluster
   * refuses every write (NOT_ENOUGH_REPLICAS, a partition without a leader).
   */
  state(): ProducerState;
  disconnect(): Promise<void>;
}

export function topicMessages(messages: readonly OutgoingMessage[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const { topic, key, value, headers } of messages) {
    const entry = byTopic.get(topic) ?? { topic, messages: [] };
    entry.messages.push({ key, value, headers });
    byTopic.set(topic, entry);
  }
  return [...byTopic.values()];
}

export function createReplaceableProducer(options: ReplaceableProducerOptions): ReplaceableProducer {
  let current: Promise<Producer> | null = null;
  let state: ProducerState = 'starting';

  function connected(): Promise<Producer> {
    if (current !== null) return current;
    const producer = options.createProducer();
    const connecting = producer.connect().then(() => producer);
    current = connecting;
    connecting.catch(() => {
      if (current === connecting) current = null;
    });
    return connecting;
  }

  function retire(failed: Promise<Producer>, error: unknown): void {
    state = 'down';
    if (current !== failed) return;
    current = null;
    options.logger.warn({ err: error }, 'Kafka write failed; the producer is replaced');
    options.onReplaced?.();
    void failed.then((producer) => producer.disconnect()).catch(() => {});
  }

  return {
    async connect() {
      await connected();
    },
    async send(messages) {
      const producer = connected();
      try {
        await (await producer).sendBatch({ acks: -1, topicMessages: topicMessages(messages) });
        state = 'up';
      } catch (error) {
        retire(producer, error);
        throw error;
      }
    },
    state: () => state,
    async disconnect() {
      const producer = current;
      current = null;
      if (producer) await (await producer).disconnect();
    },
  };
}

/** A connected replaceable producer of `kafka`'s idempotent producers (acks=all, one request in flight). */
export async function connectReplaceableProducer(kafka: Kafka, logger: Logger): Promise<ReplaceableProducer> {
  const producer = createReplaceableProducer({ createProducer: () => kafka.producer({ idempotent: true, maxInFlightRequests: 1 }), logger });
  await producer.connect();
  return producer;
}
