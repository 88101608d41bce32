// Prometheus metrics of one gateway, in their own registry so several apps can live in one process (tests).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { authMetrics, type AuthMetrics } from './auth/auth-metrics.ts';
import { edgeMetrics, type EdgeMetrics } from './edge-metrics.ts';

export interface GatewayMetrics extends EdgeMetrics, AuthMetrics {
  readonly registry: Registry;
  readonly connections: Gauge;
  readonly framesReceived: Counter<'action' | 'result'>;
  readonly produceLatency: Histogram;
  readonly produceBatchSize: Histogram;
  readonly produceBatchBytes: Histogram;
  readonly produceFailures: Counter;
  /** Producers retired after a failed write (a new one, with fresh sequence numbers, takes over). */
  readonly producersReplaced: Counter;
  readonly outboundSent: Counter<'frame_type'>;
  readonly outboundDropped: Counter<'reason'>;
  /** CSMS-initiated CALLs awaiting an answer, over all connections (at most one each). */
  readonly callsOutstanding: Gauge;
  readonly callsQueued: Gauge;
  readonly callsSent: Counter;
  readonly callsAnswered: Counter<'message_type'>;
  readonly callsUndelivered: Counter<'reason'>;
  /** CALLRESULT / CALLERROR frames whose messageId matches no CALL awaiting an answer. */
  readonly unmatchedAnswers: Counter;
}

export function createMetrics(options: { defaultMetrics: boolean }): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({ name: 'csms_gateway_connections', help: 'Open charge point sockets', registers }),
    framesReceived: new Counter({
      name: 'csms_gateway_frames_received_total', help: 'Frames received from charge points',
      labelNames: ['action', 'result'], registers,
    }),
    produceLatency: new Histogram({
      name: 'csms_gateway_produce_seconds', help: 'From enqueue to Kafka acknowledgement of an inbound record',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers,
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
    outboundSent: new Counter({
      name: 'csms_gateway_outbound_sent_total', help: 'Frames from ocpp.outbound sent to a socket (a Call: sent or queued)',
      labelNames: ['frame_type'], registers,
    }),
    outboundDropped: new Counter({
      name: 'csms_gateway_outbound_dropped_total', help: 'Frames from ocpp.outbound dropped (no such socket here)',
      labelNames: ['reason'], registers,
    }),
    ...callMetrics(registers),
    ...edgeMetrics(registers),
    ...authMetrics(registers),
  };
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
