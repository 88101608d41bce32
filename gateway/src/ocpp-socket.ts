// One charge point's WebSocket: records Connected, every frame and Disconnected in
// ocpp.inbound, answers what the gateway may answer only after Kafka acknowledged the
// frame (invariant 1), and keeps the socket alive with pings. Nothing a charge point
// sends may throw out of here.
import type { WebSocket, RawData } from 'ws';
import type { InboundRecord } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { Connection, ConnectionRegistry } from './connection-registry.ts';
import { decideFrame, type FrameDecision } from './frame-decider.ts';
import { connectedRecord, disconnectedRecord, frameRecord, type ConnectionFacts } from './inbound-records.ts';
import type { GatewayMetrics } from './metrics.ts';
import { CHARGE_POINT_ACTIONS, type SupportedProtocol } from './ocpp-protocols.ts';
import type { PayloadValidator } from './payload-validator.ts';

export interface InboundSink {
  /** Resolves when Kafka acknowledged the record. */
  enqueue(record: InboundRecord): Promise<void>;
}

export interface OcppSocketDeps {
  readonly node: number;
  readonly pingMs: number;
  readonly registry: ConnectionRegistry;
  readonly inbound: InboundSink;
  readonly validators: Readonly<Record<SupportedProtocol, PayloadValidator>>;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly clock: () => number;
  readonly newConnectionId: () => string;
}

export interface OcppSession {
  readonly chargePointId: string;
  readonly protocol: SupportedProtocol;
  readonly remoteAddress: string | null;
}

/** RFC 6455 §7.4.1: 1011 "unexpected condition"; the station keeps its message queued and reconnects. */
const KAFKA_UNAVAILABLE = { code: 1011, reason: 'inbound log unavailable' } as const;

function toText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function socketPort(socket: WebSocket, facts: ConnectionFacts, connectedAt: number): Connection {
  return {
    ...facts,
    connectedAt,
    send(raw) {
      if (socket.readyState !== socket.OPEN) return false;
      socket.send(raw);
      return true;
    },
    close: (code, reason) => socket.close(code, reason),
  };
}

function actionLabel(decision: FrameDecision, protocol: SupportedProtocol): string {
  const action = decision.facts.action;
  // Bounded label values: an action a station made up must not create a time series.
  return action !== null && CHARGE_POINT_ACTIONS[protocol].has(action) ? action : 'none';
}

export function attachOcppSocket(socket: WebSocket, session: OcppSession, deps: OcppSocketDeps): Connection {
  const connectedAt = deps.clock();
  const facts: ConnectionFacts = { ...session, node: deps.node, connectionId: deps.newConnectionId() };
  const log = deps.logger.child({ chargePointId: facts.chargePointId, connectionId: facts.connectionId });
  const connection = socketPort(socket, facts, connectedAt);
  const failKafka = (error: unknown): void => {
    log.error({ err: error }, 'inbound record not acknowledged; closing the socket');
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) {
      socket.close(KAFKA_UNAVAILABLE.code, KAFKA_UNAVAILABLE.reason);
    }
  };

  const previous = deps.registry.add(connection);
  if (previous) {
    log.info({ previousConnectionId: previous.connectionId }, 'replacing the previous connection');
    previous.close(1000, 'replaced');
  }
  deps.metrics.connections.set(deps.registry.size);
  // Enqueued before any frame of this socket, so Connected precedes them in the topic.
  deps.inbound.enqueue(connectedRecord(facts, connectedAt)).catch(failKafka);
  log.info({ protocol: facts.protocol, remoteAddress: facts.remoteAddress }, 'charge point connected');

  const onFrame = (raw: string): void => {
    const at = deps.clock();
    deps.registry.noteMessage(facts.chargePointId, facts.connectionId, at);
    const decision = decideFrame(raw, { protocol: session.protocol, validator: deps.validators[session.protocol], now: at });
    deps.metrics.framesReceived.inc({ action: actionLabel(decision, session.protocol), result: decision.kind });
    if (decision.kind === 'rejected') {
      log.warn({ messageId: decision.facts.messageId, rejection: decision.rejection }, 'frame rejected');
    }
    const reply = decision.kind === 'rejected' || decision.kind === 'gateway-answered' ? decision.reply : null;
    deps.inbound.enqueue(frameRecord(facts, at, raw, decision)).then(
      () => {
        if (reply !== null && !connection.send(reply)) {
          log.info({ messageId: decision.facts.messageId }, 'socket closed before the reply could be sent');
        }
      },
      failKafka,
    );
  };

  socket.on('message', (data: RawData) => {
    try {
      onFrame(toText(data));
    } catch (error) {
      // A bug, never the station's fault: keep the process up, drop the connection.
      log.error({ err: error }, 'frame handling failed');
      socket.close(1011, 'internal error');
    }
  });
  const stopPinging = keepAlive(socket, deps.pingMs, log);
  socket.on('close', (code: number, reason: Buffer) => {
    stopPinging();
    deps.registry.remove(facts.chargePointId, facts.connectionId);
    deps.metrics.connections.set(deps.registry.size);
    log.info({ code, reason: reason.toString('utf8') }, 'charge point disconnected');
    deps.inbound.enqueue(disconnectedRecord(facts, deps.clock(), code, reason.toString('utf8')))
      .catch((error: unknown) => log.error({ err: error }, 'Disconnected record not acknowledged'));
  });
  socket.on('error', (error: Error) => log.warn({ err: error }, 'socket error'));
  return connection;
}

/** Pings every interval; a socket that has not answered the previous ping is terminated. */
function keepAlive(socket: WebSocket, intervalMs: number, log: Logger): () => void {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) {
      log.info('no pong since the last ping; terminating');
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, intervalMs);
  return () => clearInterval(timer);
}
