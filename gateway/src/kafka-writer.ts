// Everything the gateway writes to Kafka goes through one batching producer (one request in
// flight, so a station's records keep their order) on one replaceable idempotent producer
// (acks=all): ocpp.inbound records and csms.security records, each keyed by chargePointId,
// and the node's probes. Its state, which /health reports, rests on writes only: 'up' once a
// write succeeded, 'down' from a failed one until another succeeds. A probe is written when the
// writer is not up (so it recovers without station traffic) and when nothing was written for
// `idleProbeMs` (so an idle node still notices a cluster that stopped taking writes); it goes
// through the same batching producer, behind and never ahead of the records queued before it.
import type { Kafka } from 'kafkajs';
import { topicName, type GatewayProbe, type InboundRecord, type SecurityRecord, type Serde } from '@csms/contracts';
import { createReplaceableProducer, secondsSince, type Logger } from '@csms/infra';
import { createBatchingProducer, type BatchingProducer, type OutgoingMessage } from './batching-producer.ts';
import type { KafkaClientState } from './http-routes.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { InboundSink, SecuritySink } from './sinks.ts';
import type { Repeat } from './timers.ts';

interface KafkaWriterOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  /** This gateway node's ordinal: the key of its probes. */
  readonly node: number;
  readonly maxBatchSize: number;
  readonly maxBatchBytes: number;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly clock: () => number;
  /** Runs the probe checks (setInterval in production). */
  readonly repeat: Repeat;
  /** How often the writer looks whether a probe is due. */
  readonly probeCheckMs: number;
  /** With no successful write for this long, a probe is due even while up. */
  readonly idleProbeMs: number;
}

export interface KafkaWriter extends InboundSink, SecuritySink {
  /** Connects and writes a first probe (its failure leaves the writer down, probing again). */
  connect(): Promise<void>;
  /** Sends everything queued, then disconnects. */
  close(): Promise<void>;
  /** 'up' after a successful write (a probe or a record), 'down' after a failed one, 'starting' before any. */
  state(): KafkaClientState;
}

type Written =
  | { readonly topic: 'inbound'; readonly record: InboundRecord }
  | { readonly topic: 'security'; readonly record: SecurityRecord }
  | { readonly topic: 'gatewayProbes'; readonly record: GatewayProbe };

function keyOf(written: Written): string {
  return written.topic === 'gatewayProbes' ? String(written.record.node) : written.record.chargePointId;
}

function encodeValue(serde: Serde, written: Written): Promise<Buffer> {
  switch (written.topic) {
    case 'inbound':
      return serde.encode('inbound', written.record);
    case 'security':
      return serde.encode('security', written.record);
    case 'gatewayProbes':
      return serde.encode('gatewayProbes', written.record);
    default: {
      const _exhaustive: never = written;
      return _exhaustive;
    }
  }
}

function batchingOver(options: KafkaWriterOptions, send: (messages: readonly OutgoingMessage[]) => Promise<void>): BatchingProducer<Written> {
  const { serde, metrics, topicPrefix } = options;
  return createBatchingProducer<Written>({
    send,
    encode: async (written) => ({ topic: topicName(written.topic, topicPrefix), key: keyOf(written), value: await encodeValue(serde, written) }),
    orderingKeyOf: (written) => `${written.topic}\u0000${keyOf(written)}`,
    maxBatchSize: options.maxBatchSize,
    maxBatchBytes: options.maxBatchBytes,
    onBatch: ({ size, bytes, ok }) => {
      metrics.produceBatchSize.observe(size);
      metrics.produceBatchBytes.observe(bytes);
      if (!ok) metrics.produceFailures.inc();
      metrics.kafkaWriterUp.set(ok ? 1 : 0);
    },
  });
}

export function createKafkaWriter(options: KafkaWriterOptions): KafkaWriter {
  const { metrics, clock, logger } = options;
  const producer = createReplaceableProducer({
    // maxInFlightRequests 1 with the batching producer's single send keeps per-key order
    // even across kafkajs' own retries.
    createProducer: () => options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 }),
    logger,
    onReplaced: () => metrics.producersReplaced.inc(),
  });
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  const batching = batchingOver(options, async (messages) => {
    await producer.send(messages);
    lastWriteAt = clock();
  });
  let probing: Promise<void> | null = null;
  const probe = (): Promise<void> => {
    probing ??= batching.enqueue({ topic: 'gatewayProbes', record: { node: options.node, at: clock() } })
      .catch((error: unknown) => logger.warn({ err: error }, 'probe write failed: Kafka is not taking writes'))
      .finally(() => { probing = null; });
    return probing;
  };
  const probeIfDue = (): void => {
    if (producer.state() !== 'up' || clock() - lastWriteAt >= options.idleProbeMs) void probe();
  };
  let stopProbing: (() => void) | null = null;
  return {
    async enqueue(record) {
      const started = performance.now();
      await batching.enqueue({ topic: 'inbound', record });
      metrics.produceLatency.observe(secondsSince(started));
    },
    recordSecurity: (record) => batching.enqueue({ topic: 'security', record }),
    async connect() {
      await producer.connect();
      stopProbing = options.repeat(options.probeCheckMs, probeIfDue);
      await probe();
    },
    async close() {
      stopProbing?.();
      await batching.flush();
      await producer.disconnect();
    },
    state: () => producer.state(),
  };
}
