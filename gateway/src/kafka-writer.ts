// Everything the gateway writes to Kafka goes through one batching producer (one request in
// flight, so a station's records keep their order) on one replaceable idempotent producer
// (acks=all): ocpp.inbound records and csms.security records, each keyed by chargePointId.
import type { Kafka } from 'kafkajs';
import { topicName, type InboundRecord, type SecurityRecord, type Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import { createBatchingProducer, type BatchingProducer, type OutgoingMessage } from './batching-producer.ts';
import type { KafkaClientState } from './http-routes.ts';
import type { GatewayMetrics } from './metrics.ts';
import { createReplaceableProducer } from './replaceable-producer.ts';
import type { InboundSink, SecuritySink } from './sinks.ts';

export interface KafkaWriterOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly maxBatchSize: number;
  readonly maxBatchBytes: number;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** How often a writer whose last write failed tries a fresh producer, so /health recovers. */
  readonly recoverEveryMs: number;
}

export interface KafkaWriter extends InboundSink, SecuritySink {
  connect(): Promise<void>;
  /** Sends everything queued, then disconnects. */
  close(): Promise<void>;
  /** 'down' from a failed write until a fresh producer connects. */
  state(): KafkaClientState;
}

type Written =
  | { readonly topic: 'inbound'; readonly record: InboundRecord }
  | { readonly topic: 'security'; readonly record: SecurityRecord };

export function createKafkaWriter(options: KafkaWriterOptions): KafkaWriter {
  const { serde, metrics, topicPrefix } = options;
  const producer = createReplaceableProducer({
    // maxInFlightRequests 1 with the batching producer's single send keeps per-key order
    // even across kafkajs' own retries.
    createProducer: () => options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 }),
    logger: options.logger,
    onReplaced: () => metrics.producersReplaced.inc(),
  });
  const encode = async (written: Written): Promise<OutgoingMessage> => ({
    topic: topicName(written.topic, topicPrefix),
    key: written.record.chargePointId,
    value: written.topic === 'inbound' ? await serde.encode('inbound', written.record) : await serde.encode('security', written.record),
  });
  const batching: BatchingProducer<Written> = createBatchingProducer<Written>({
    send: (messages) => producer.send(messages),
    encode,
    orderingKeyOf: (written) => `${written.topic}\u0000${written.record.chargePointId}`,
    maxBatchSize: options.maxBatchSize,
    maxBatchBytes: options.maxBatchBytes,
    onBatch: ({ size, bytes, ok }) => {
      metrics.produceBatchSize.observe(size);
      metrics.produceBatchBytes.observe(bytes);
      if (!ok) metrics.produceFailures.inc();
    },
  });
  let recovery: NodeJS.Timeout | null = null;
  return {
    async enqueue(record) {
      const stopTimer = metrics.produceLatency.startTimer();
      await batching.enqueue({ topic: 'inbound', record });
      stopTimer();
    },
    recordSecurity: (record) => batching.enqueue({ topic: 'security', record }),
    async connect() {
      await producer.connect();
      recovery = setInterval(() => void producer.recover(), options.recoverEveryMs);
      recovery.unref();
    },
    async close() {
      if (recovery) clearInterval(recovery);
      await batching.flush();
      await producer.disconnect();
    },
    state: () => producer.state(),
  };
}
