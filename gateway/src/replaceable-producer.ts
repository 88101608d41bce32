// The gateway's one idempotent kafkajs producer, replaced by a fresh one after any failed
// send. kafkajs 2.2.4 rolls back an idempotent producer's sequence numbers when a request
// fails (a MESSAGE_TOO_LARGE, a broker restart mid-request), and every later request is then
// refused as OUT_OF_ORDER_SEQUENCE_NUMBER: a failed producer must never be used again. A new
// one gets a new producer id, so its sequences start afresh.
import type { Producer, TopicMessages } from 'kafkajs';
import type { Logger } from '@csms/infra';
import type { OutgoingMessage } from './batching-producer.ts';
import type { KafkaClientState } from './http-routes.ts';

interface ReplaceableProducerOptions {
  /** A new, unconnected producer (idempotent, acks=all, one request in flight). */
  readonly createProducer: () => Producer;
  readonly logger: Logger;
  /** Told each time a failed producer is retired. */
  readonly onReplaced?: () => void;
}

interface ReplaceableProducer {
  /** Connects the first producer; says nothing yet of whether writes succeed. */
  connect(): Promise<void>;
  send(messages: readonly OutgoingMessage[]): Promise<void>;
  /**
   * What the last write did: 'up' after one succeeded, 'down' after one failed, 'starting'
   * before any. Only a write tells: a producer connects (fetches metadata) while the cluster
   * refuses every write (NOT_ENOUGH_REPLICAS, a partition without a leader).
   */
  state(): KafkaClientState;
  disconnect(): Promise<void>;
}

export function topicMessages(messages: readonly OutgoingMessage[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const { topic, key, value } of messages) {
    const entry = byTopic.get(topic) ?? { topic, messages: [] };
    entry.messages.push({ key, value });
    byTopic.set(topic, entry);
  }
  return [...byTopic.values()];
}

export function createReplaceableProducer(options: ReplaceableProducerOptions): ReplaceableProducer {
  let current: Promise<Producer> | null = null;
  let state: KafkaClientState = 'starting';

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
