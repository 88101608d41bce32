// One charge point's WebSocket: records Connected, every frame and Disconnected in
// ocpp.inbound, answers what the gateway may answer only after Kafka acknowledged the
// frame (invariant 1), sends CSMS CALLs one at a time through its call channel, and keeps
// the socket alive with pings. Nothing a charge point sends may throw out of here.
import type { WebSocket, RawData } from 'ws';
import { CSMS_COMMAND_ACTIONS } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { SecurityProfile } from './auth/auth-decision.ts';
import { replacedRecord } from './auth/security-records.ts';
import { createCallChannel, type CallChannel } from './call-channel.ts';
import type { CsmsCall } from './call-queue.ts';
import type { Connection, ConnectionRegistry } from './connection-registry.ts';
import { answeredCall, decideFrame, type FrameDecision } from './frame-decider.ts';
import {
  connectedRecord, disconnectedRecord, frameRecord, undeliveredRecord, type ConnectionFacts,
} from './inbound-records.ts';
import type { GatewayMetrics } from './metrics.ts';
import { CHARGE_POINT_ACTIONS, type SupportedProtocol } from './ocpp-protocols.ts';
import type { PayloadValidator } from './payload-validator.ts';
import type { RevealSecrets } from './sealed-calls.ts';
import type { InboundSink, SecuritySink } from './sinks.ts';
import type { Timers } from './timers.ts';

export interface OcppSocketDeps {
  readonly node: number;
  readonly pingMs: number;
  readonly registry: ConnectionRegistry;
  readonly inbound: InboundSink;
  /** csms.security: a socket taken over by a newer connection. */
  readonly security: SecuritySink;
  /** Opens the sealed secrets of a CSMS CALL as it is written. */
  readonly reveal: RevealSecrets;
  readonly validators: Readonly<Record<SupportedProtocol, PayloadValidator>>;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly clock: () => number;
  readonly timers: Timers;
  readonly newConnectionId: () => string;
  /** CSMS CALLs that may wait behind the one awaiting its answer. */
  readonly callQueueSize: number;
  /** How long a CSMS CALL without a deadline may await its answer. */
  readonly callTimeoutMs: number;
}

export interface OcppSession {
  readonly chargePointId: string;
  readonly protocol: SupportedProtocol;
  readonly remoteAddress: string | null;
  /** The security profile the upgrade amounted to. */
  readonly presentedProfile: SecurityProfile;
}

/** What the handlers of one socket share. */
interface SocketContext {
  readonly socket: WebSocket;
  readonly facts: ConnectionFacts & { readonly protocol: SupportedProtocol; readonly presentedProfile: SecurityProfile };
  readonly connection: Connection;
  readonly calls: CallChannel;
  readonly deps: OcppSocketDeps;
  readonly log: Logger;
  readonly failKafka: (error: unknown) => void;
}

/** RFC 6455 §7.4.1 1000: the socket's purpose is fulfilled, the station connected again. */
const REPLACED_REASON = 'replaced by a newer connection';

/** RFC 6455 §7.4.1: 1011 "unexpected condition"; the station keeps its message queued and reconnects. */
const KAFKA_UNAVAILABLE = { code: 1011, reason: 'inbound log unavailable' } as const;

function toText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

type SocketPort = Omit<Connection, 'call'>;

function socketPort(socket: WebSocket, facts: ConnectionFacts, connectedAt: number): SocketPort {
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

const CSMS_ACTIONS: ReadonlySet<string> = new Set(CSMS_COMMAND_ACTIONS);

function actionLabel(decision: FrameDecision, protocol: SupportedProtocol): string {
  const action = decision.facts.action;
  // Bounded label values: an action a station made up must not create a time series.
  const known = action !== null && (CHARGE_POINT_ACTIONS[protocol].has(action) || CSMS_ACTIONS.has(action));
  return known ? action : 'none';
}

function callChannelFor(port: SocketPort, facts: ConnectionFacts, deps: OcppSocketDeps, log: Logger): CallChannel {
  return createCallChannel({
    maxQueued: deps.callQueueSize, timeoutMs: deps.callTimeoutMs, clock: deps.clock, timers: deps.timers, metrics: deps.metrics,
    send: port.send,
    reveal: deps.reveal,
    undelivered(call, reason) {
      // A gone socket is routine; a timeout or a full queue says something about the station.
      const level = reason === 'ConnectionGone' ? 'info' : 'warn';
      log[level]({ messageId: call.messageId, action: call.action, reason }, 'CSMS call undelivered');
      const record = undeliveredRecord({ ...facts, messageId: call.messageId, reason }, deps.clock());
      deps.inbound.enqueue(record)
        .catch((error: unknown) => log.error({ err: error, messageId: call.messageId }, 'CallUndelivered record not acknowledged'));
    },
  });
}

/** Logs and counts what is worth it about a frame; the answer to an awaited CALL stops its timer. */
function noteFrame(ctx: SocketContext, decision: FrameDecision, awaited: CsmsCall | null): CsmsCall | null {
  const { deps, log, facts } = ctx;
  deps.metrics.framesReceived.inc({ action: actionLabel(decision, facts.protocol), result: decision.kind });
  const { messageId, messageTypeId } = decision.facts;
  if (decision.kind === 'rejected') log.warn({ messageId, rejection: decision.rejection }, 'frame rejected');
  if (decision.kind === 'response') {
    deps.metrics.unmatchedAnswers.inc();
    log.info({ messageId, messageTypeId }, 'answer to no awaited CSMS call');
  }
  const answered = answeredCall(decision.facts, awaited);
  if (answered === null) return null;
  deps.metrics.callsAnswered.inc({ message_type: messageTypeId === 3 ? 'CallResult' : 'CallError' });
  return ctx.calls.answered(answered.messageId);
}

function onFrame(ctx: SocketContext, raw: string): void {
  const { deps, facts, connection, log } = ctx;
  const at = deps.clock();
  deps.registry.noteMessage(facts.chargePointId, facts.connectionId, at);
  const awaiting = ctx.calls.awaitingAnswer();
  const decision = decideFrame(raw, { protocol: facts.protocol, validator: deps.validators[facts.protocol], now: at, awaiting });
  const answered = noteFrame(ctx, decision, awaiting);
  const reply = decision.kind === 'rejected' || decision.kind === 'gateway-answered' ? decision.reply : null;
  deps.inbound.enqueue(frameRecord(facts, at, raw, decision)).then(
    () => {
      // The next CSMS CALL goes out only once the answer to this one is durable.
      if (answered !== null) ctx.calls.recorded(answered.messageId);
      if (reply !== null && !connection.send(reply)) {
        log.info({ messageId: decision.facts.messageId }, 'socket closed before the reply could be sent');
      }
    },
    ctx.failKafka,
  );
}

function onClose(ctx: SocketContext, code: number, reason: string): void {
  const { deps, facts, log } = ctx;
  deps.registry.remove(facts.chargePointId, facts.connectionId);
  deps.metrics.connections.set(deps.registry.size);
  log.info({ code, reason }, 'charge point disconnected');
  // Before Disconnected, so that record is the connection's last.
  ctx.calls.close();
  deps.inbound.enqueue(disconnectedRecord(facts, deps.clock(), code, reason))
    .catch((error: unknown) => log.error({ err: error }, 'Disconnected record not acknowledged'));
}

/** The upgrade gate admitted this socket over an older one: the older goes, on the record. */
function replace(ctx: SocketContext, previous: Connection, at: number): void {
  const { deps, log, facts } = ctx;
  log.warn({ previousConnectionId: previous.connectionId, previousRemoteAddress: previous.remoteAddress }, 'replacing the previous connection');
  previous.close(1000, REPLACED_REASON);
  deps.metrics.connectionsReplaced.inc();
  const record = replacedRecord({
    chargePointId: facts.chargePointId, node: facts.node, connectionId: facts.connectionId, remoteAddress: facts.remoteAddress,
    previousConnectionId: previous.connectionId, previousRemoteAddress: previous.remoteAddress, presentedProfile: facts.presentedProfile,
  }, at);
  deps.security.recordSecurity(record).catch((error: unknown) => log.error({ err: error }, 'ConnectionReplaced not recorded'));
}

function register(ctx: SocketContext, connectedAt: number): void {
  const { deps, log, facts } = ctx;
  const previous = deps.registry.add(ctx.connection);
  if (previous) replace(ctx, previous, connectedAt);
  deps.metrics.connections.set(deps.registry.size);
  // Enqueued before any frame of this socket, so Connected precedes them in the topic.
  deps.inbound.enqueue(connectedRecord(facts, connectedAt)).catch(ctx.failKafka);
  log.info({ protocol: facts.protocol, remoteAddress: facts.remoteAddress }, 'charge point connected');
}

function listen(ctx: SocketContext): void {
  const { socket, log } = ctx;
  socket.on('message', (data: RawData) => {
    try {
      onFrame(ctx, toText(data));
    } catch (error) {
      // A bug, never the station's fault: keep the process up, drop the connection.
      log.error({ err: error }, 'frame handling failed');
      socket.close(1011, 'internal error');
    }
  });
  const { registry, clock } = ctx.deps;
  const { chargePointId, connectionId } = ctx.facts;
  const stopPinging = keepAlive(socket, ctx.deps.pingMs, log, () => registry.noteAlive(chargePointId, connectionId, clock()));
  socket.on('close', (code: number, reason: Buffer) => {
    stopPinging();
    onClose(ctx, code, reason.toString('utf8'));
  });
  socket.on('error', (error: Error) => log.warn({ err: error }, 'socket error'));
}

export function attachOcppSocket(socket: WebSocket, session: OcppSession, deps: OcppSocketDeps): Connection {
  const connectedAt = deps.clock();
  const facts = { ...session, node: deps.node, connectionId: deps.newConnectionId() };
  const log = deps.logger.child({ chargePointId: facts.chargePointId, connectionId: facts.connectionId });
  const port = socketPort(socket, facts, connectedAt);
  const calls = callChannelFor(port, facts, deps, log);
  const connection: Connection = { ...port, call: calls.offer };
  const failKafka = (error: unknown): void => {
    log.error({ err: error }, 'inbound record not acknowledged; closing the socket');
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) {
      socket.close(KAFKA_UNAVAILABLE.code, KAFKA_UNAVAILABLE.reason);
    }
  };
  const ctx: SocketContext = { socket, facts, connection, calls, deps, log, failKafka };
  register(ctx, connectedAt);
  listen(ctx);
  return connection;
}

/** Pings every interval; a socket that has not answered the previous ping is terminated. */
function keepAlive(socket: WebSocket, intervalMs: number, log: Logger, onPong: () => void): () => void {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
    onPong();
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
