// Prometheus metrics of one gateway, in their own registry so several apps can live in one process (tests).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { STAGE_SECONDS_BUCKETS, stageHistogram, type StageObserver } from '@csms/infra';
import { authMetrics, type AuthMetrics } from './auth/auth-metrics.ts';
import { edgeMetrics, type EdgeMetrics } from './edge-metrics.ts';
import { DISCONNECT_REASONS } from './disconnect-reason.ts';
import { createReconnectTracker, type ReconnectTracker } from './reconnect-tracker.ts';
import { ANSWERED_BY, type AnsweredBy } from './reply-timing.ts';

/**
 * The gateway's stages of a message, in `csms_gateway_stage_seconds{stage}` (infra's
 * stage-timing.ts says why one family). The produce acknowledgement, the stage between
 * parse_validate and the processors, is `csms_gateway_produce_seconds`, which measured it first.
 *   parse_validate  a received frame: OCPP-J parse, schema validation, rate limit, the decision
 *   outbound_fetch  an ocpp.outbound record's Kafka timestamp to its arrival here
 *   socket_write    handing a frame to its socket (ws frames and writes it; the kernel sends it)
 */
export type GatewayStage = 'parse_validate' | 'outbound_fetch' | 'socket_write';
export const GATEWAY_STAGES = ['parse_validate', 'outbound_fetch', 'socket_write'] as const satisfies readonly GatewayStage[];

export interface GatewayMetrics extends EdgeMetrics, AuthMetrics {
  readonly registry: Registry;
  readonly stages: Readonly<Record<GatewayStage, StageObserver>>;
  /** A station's CALL from its receipt to its reply written to the socket, by who answered it (reply-timing.ts). */
  readonly replySeconds: Readonly<Record<AnsweredBy, StageObserver>>;
  readonly connections: Gauge;
  readonly framesReceived: Counter<'action' | 'result'>;
  readonly produceLatency: Histogram;
  readonly produceBatchSize: Histogram;
  readonly produceBatchBytes: Histogram;
  readonly produceFailures: Counter;
  /** Producers retired after a failed write (a new one, with fresh sequence numbers, takes over). */
  readonly producersReplaced: Counter;
  /** 1 while the last write to Kafka (a record or a probe) succeeded, 0 after one failed: what /health's kafka.producer says. */
  readonly kafkaWriterUp: Gauge;
  /** Records of this node's ocpp.outbound partition not yet read (sampled). */
  readonly outboundLag: Gauge<'topic' | 'partition'>;
  /** Sockets closed, by why (disconnect-reason.ts). */
  readonly disconnects: Counter<'reason'>;
  /** Told of each connect; csms_gateway_flapping_stations reads it at scrape time. */
  readonly reconnects: ReconnectTracker;
  readonly flappingStations: Gauge;
  readonly tlsHandshakeFailures: Counter;
  readonly outboundSent: Counter<'frame_type'>;
  readonly outboundDropped: Counter<'reason'>;
  /** ocpp.outbound records skipped because their bytes are no record of the topic's schema. */
  readonly outboundUndecodable: Counter;
  /** CSMS-initiated CALLs awaiting an answer, over all connections (at most one each). */
  readonly callsOutstanding: Gauge;
  readonly callsQueued: Gauge;
  readonly callsSent: Counter;
  readonly callsAnswered: Counter<'message_type'>;
  readonly callsUndelivered: Counter<'reason'>;
  /** CALLRESULT / CALLERROR frames whose messageId matches no CALL awaiting an answer. */
  readonly unmatchedAnswers: Counter;
}

/** `clock`: the one connects are stamped with, so the flapping window ages by it (Date.now but in tests). */
export function createMetrics(options: { defaultMetrics: boolean; clock?: () => number }): GatewayMetrics {
  const clock = options.clock ?? Date.now;
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const disconnects = new Counter({
    name: 'csms_gateway_disconnects_total', help: 'Station sockets closed, by reason', labelNames: ['reason'], registers,
  });
  // Every reason from zero, so a rule's increase() sees the first of each.
  for (const reason of DISCONNECT_REASONS) disconnects.inc({ reason }, 0);
  const reconnects = createReconnectTracker({ windowMs: 10 * 60_000, threshold: 3 });
  return {
    registry,
    stages: stageHistogram({
      name: 'csms_gateway_stage_seconds', help: 'Time a message spends in each of the gateway\'s stages', stages: GATEWAY_STAGES, registers,
    }),
    replySeconds: replySeconds(registers),
    connections: new Gauge({ name: 'csms_gateway_connections', help: 'Open charge point sockets', registers }),
    framesReceived: new Counter({
      name: 'csms_gateway_frames_received_total', help: 'Frames received from charge points',
      labelNames: ['action', 'result'], registers,
    }),
    produceLatency: new Histogram({
      name: 'csms_gateway_produce_seconds', help: 'From enqueue to Kafka acknowledgement of an inbound record',
      // The stage buckets: this is the produce-acknowledgement stage, read beside the others.
      buckets: [...STAGE_SECONDS_BUCKETS], registers,
    }),
    produceBatchSize: new Histogram({
      name: 'csms_gateway_produce_batch_size', help: 'Inbound records per produce request',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500], registers,
    }),
    produceBatchBytes: new Histogram({
      name: 'csms_gateway_produce_batch_bytes', help: 'Bytes per produce request',
      buckets: [1024, 4096, 16_384, 65_536, 131_072, 262_144, 524_288, 1_048_576], registers,
    }),
    produceFailures: new Counter({ name: 'csms_gateway_produce_failures_total', help: 'Failed produce requests', registers }),
    producersReplaced: new Counter({
      name: 'csms_gateway_producers_replaced_total', help: 'Kafka producers retired after a failed write', registers,
    }),
    kafkaWriterUp: new Gauge({
      name: 'csms_gateway_kafka_writer_up', help: '1 while the last write to Kafka succeeded, 0 after a failed one (the node cannot take frames)', registers,
    }),
    disconnects,
    reconnects,
    flappingStations: new Gauge({
      name: 'csms_gateway_flapping_stations', help: 'Stations that connected to this node 3 or more times in the last 10 minutes', registers,
      collect() { this.set(reconnects.flapping(clock())); },
    }),
    tlsHandshakeFailures: new Counter({
      name: 'csms_gateway_tls_handshake_failures_total', help: 'wss:// TLS handshakes that failed (protocol, cipher suite, client certificate, not TLS)', registers,
    }),
    outboundLag: new Gauge({
      name: 'csms_gateway_outbound_lag_records', help: 'Records of this node\'s ocpp.outbound partition not yet read (sampled every 15 s)',
      labelNames: ['topic', 'partition'], registers,
    }),
    outboundSent: new Counter({
      name: 'csms_gateway_outbound_sent_total', help: 'Frames from ocpp.outbound sent to a socket (a Call: sent or queued)',
      labelNames: ['frame_type'], registers,
    }),
    outboundDropped: new Counter({
      name: 'csms_gateway_outbound_dropped_total', help: 'Frames from ocpp.outbound dropped (no such socket here)',
      labelNames: ['reason'], registers,
    }),
    outboundUndecodable: new Counter({
      name: 'csms_gateway_outbound_undecodable_total', help: 'ocpp.outbound records skipped because they cannot be decoded (a reply or CALL lost)', registers,
    }),
    ...callMetrics(registers),
    ...edgeMetrics(registers),
    ...authMetrics(registers),
  };
}

function replySeconds(registers: Registry[]): Readonly<Record<AnsweredBy, StageObserver>> {
  const histogram = new Histogram({
    name: 'csms_gateway_reply_seconds', help: 'A station\'s CALL from its receipt to its reply written to the socket, by who answered it',
    // Past the stages' 5 s: a processor backlog delays replies by tens of seconds, around the
    // time stations give up, and a p99 must not stop at the top bucket.
    labelNames: ['answered_by'], buckets: [...STAGE_SECONDS_BUCKETS, 10, 30, 60], registers,
  });
  // Both from zero, so a dashboard shows the gateway's own replies before the first processor one.
  for (const answeredBy of ANSWERED_BY) histogram.zero({ answered_by: answeredBy });
  return { gateway: histogram.labels('gateway'), processor: histogram.labels('processor') };
}

function callMetrics(registers: Registry[]) {
  return {
    callsOutstanding: new Gauge({
      name: 'csms_gateway_calls_outstanding', help: 'CSMS CALLs sent and awaiting their answer', registers,
    }),
    callsQueued: new Gauge({
      name: 'csms_gateway_calls_queued', help: 'CSMS CALLs waiting for the previous one on their connection', registers,
    }),
    callsSent: new Counter({ name: 'csms_gateway_calls_sent_total', help: 'CSMS CALLs written to a socket', registers }),
    callsAnswered: new Counter({
      name: 'csms_gateway_calls_answered_total', help: 'CSMS CALLs the station answered (CallResult or CallError)',
      labelNames: ['message_type'], registers,
    }),
    callsUndelivered: new Counter({
      name: 'csms_gateway_calls_undelivered_total', help: 'CSMS CALLs recorded as undelivered (Timeout, QueueFull, ConnectionGone)',
      labelNames: ['reason'], registers,
    }),
    unmatchedAnswers: new Counter({
      name: 'csms_gateway_unmatched_answers_total', help: 'CALLRESULT/CALLERROR frames matching no outstanding CSMS CALL',
      registers,
    }),
  };
}
