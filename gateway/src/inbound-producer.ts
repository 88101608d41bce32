// The kafkajs side of ocpp.inbound: an idempotent producer (acks=all, one request in
// flight) behind the batching producer, keyed by chargePointId.
import type { Kafka, Producer } from 'kafkajs';
import { topicName, type InboundRecord, type Serde } from '@csms/contracts';
import { createBatchingProducer, type BatchingProducer, type KeyedMessage } from './batching-producer.ts';
import type { KafkaClientState } from './http-routes.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { InboundSink } from './ocpp-socket.ts';

export interface InboundProducerOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly maxBatchSize: number;
  readonly metrics: GatewayMetrics;
}

export interface InboundProducer extends InboundSink {
  connect(): Promise<void>;
  /** Sends everything queued, then disconnects. */
  close(): Promise<void>;
  state(): KafkaClientState;
}

function kafkaSend(producer: Producer, topic: string): (messages: readonly KeyedMessage[]) => Promise<void> {
  return async (messages) => {
    await producer.send({ topic, acks: -1, messages: [...messages] });
  };
}

export function createInboundProducer(options: InboundProducerOptions): InboundProducer {
  const { kafka, serde, metrics } = options;
  // maxInFlightRequests 1 with the batching producer's single send keeps per-key order
  // even across kafkajs' own retries.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  let state: KafkaClientState = 'starting';
  producer.on(producer.events.CONNECT, () => { state = 'up'; });
  producer.on(producer.events.DISCONNECT, () => { state = 'down'; });
  const batching: BatchingProducer<InboundRecord> = createBatchingProducer<InboundRecord>({
    send: kafkaSend(producer, topicName('inbound', options.topicPrefix)),
    encode: (record) => serde.encode('inbound', record),
    keyOf: (record) => record.chargePointId,
    maxBatchSize: options.maxBatchSize,
    onBatch: ({ size, ok }) => {
      metrics.produceBatchSize.observe(size);
      if (!ok) metrics.produceFailures.inc();
    },
  });
  return {
    async enqueue(record) {
      const stopTimer = metrics.produceLatency.startTimer();
      await batching.enqueue(record);
      stopTimer();
    },
    connect: () => producer.connect(),
    async close() {
      await batching.flush();
      await producer.disconnect();
    },
    state: () => state,
  };
}
