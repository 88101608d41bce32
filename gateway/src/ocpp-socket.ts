// One charge point's WebSocket: records Connected, every frame and Disconnected in
// ocpp.inbound, answers what the gateway may answer only after Kafka acknowledged the
// frame (invariant 1), sends CSMS CALLs one at a time through its call channel, and keeps
// the socket alive with pings. It also holds the station to its limits: a rate limit, a
// bounded number of frames awaiting Kafka, text frames only, and a cap on what of a frame is
// recorded. Nothing a charge point sends may throw out of here.
import type { WebSocket, RawData } from 'ws';
import { csmsCallRow, MessageType, stationCallRow, toSafeText, type TableVersion } from '@csms/contracts';
import { secondsSince, type Logger } from '@csms/infra';
import type { SecurityProfile } from './auth/auth-decision.ts';
import { replacedRecord } from './auth/security-records.ts';
import { createCallChannel, type CallChannel } from './call-channel.ts';
import type { CsmsCall } from './call-queue.ts';
import type { Connection, ConnectionRegistry } from './connection-registry.ts';
import { createConnectionRateLimit, type CallRateSettings, type ConnectionRateLimit } from './call-rate-limit.ts';
import { answeredCall, decideFrame, type FrameDecision } from './frame-decider.ts';
import { disconnectReason } from './disconnect-reason.ts';
import { createInboundFlow, type InboundFlow } from './inbound-flow.ts';
import {
  binaryFrameRecord, connectedRecord, disconnectedRecord, frameRecord, undeliveredRecord, type ConnectionFacts,
} from './inbound-records.ts';
import type { GatewayMetrics } from './metrics.ts';
import { problemHandling } from './ocpp-errors.ts';
import type { PayloadValidator } from './payload-validator.ts';
import { auditText } from './raw-audit.ts';
import { createReplyTimer, MAX_AWAITED_REPLIES, type ReplyTimer } from './reply-timing.ts';
import { keepAlive, type KeepAlive } from './keep-alive.ts';
import type { RevealSecretsFor } from './sealed-calls.ts';
import type { InboundSink, SecuritySink } from './sinks.ts';
import { systemRepeat, type Timers } from './timers.ts';

export interface OcppSocketDeps {
  readonly node: number;
  readonly pingMs: number;
  readonly registry: ConnectionRegistry;
  readonly inbound: InboundSink;
  /** csms.security: a socket taken over by a newer connection. */
  readonly security: SecuritySink;
  /** Opens the sealed secrets of a CSMS CALL as it is written, for the station of the socket only. */
  readonly reveal: RevealSecretsFor;
  readonly validators: Readonly<Record<TableVersion, PayloadValidator>>;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly clock: () => number;
  readonly timers: Timers;
  readonly newConnectionId: () => string;
  /** CSMS CALLs that may wait behind the one awaiting its answer. */
  readonly callQueueSize: number;
  /** How long a CSMS CALL without a deadline may await its answer. */
  readonly callTimeoutMs: number;
  readonly limits: SocketLimits;
}

interface SocketLimits {
  /** Frames above this many bytes are recorded truncated, with their length and hash. */
  readonly rawMaxBytes: number;
  readonly callRate: CallRateSettings;
  /** Frames of one socket awaiting Kafka's acknowledgement before it stops being read. */
  readonly maxPendingFrames: number;
}

interface OcppSession {
  readonly chargePointId: string;
  readonly protocol: TableVersion;
  readonly remoteAddress: string | null;
  /** The security profile the upgrade amounted to. */
  readonly presentedProfile: SecurityProfile;
  /** The security profile the station proved at the upgrade. */
  readonly verifiedProfile: SecurityProfile;
}

/** What the handlers of one socket share. */
interface SocketContext {
  readonly socket: WebSocket;
  readonly facts: ConnectionFacts & { readonly protocol: TableVersion; readonly presentedProfile: SecurityProfile };
  readonly connection: Connection;
  readonly calls: CallChannel;
  readonly deps: OcppSocketDeps;
  readonly log: Logger;
  readonly failKafka: (error: unknown) => void;
  readonly rateLimit: ConnectionRateLimit;
  readonly flow: InboundFlow;
  readonly alive: KeepAlive;
  readonly replies: ReplyTimer;
  /** Set once the gateway closes the socket for what the station sent: nothing more is taken. */
  closing: boolean;
}

/** RFC 6455 §7.4.1 1000: the socket's purpose is fulfilled, the station connected again. */
const REPLACED_REASON = 'replaced by a newer connection';

/** RFC 6455 §7.4.1: 1011 "unexpected condition"; the station keeps its message queued and reconnects. */
const KAFKA_UNAVAILABLE = { code: 1011, reason: 'inbound log unavailable' } as const;
/** RFC 6455 §7.4.1: 1008 "policy violation", 1003 "unsupported data" (OCPP-J uses text frames). */
const RATE_LIMIT_CLOSE = { code: 1008, reason: 'rate limit exceeded', metric: 'rate-limit' } as const;
const BINARY_CLOSE = { code: 1003, reason: 'binary frames are not OCPP-J', metric: 'binary-frame' } as const;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

type SocketPort = Omit<Connection, 'call'>;

function socketPort(
  socket: WebSocket, facts: ConnectionFacts, connectedAt: number, metrics: GatewayMetrics, replies: ReplyTimer,
): SocketPort {
  // Every frame to a station goes through here: gateway answers, processors' replies, CSMS CALLs.
  const send = (raw: string): boolean => {
    if (socket.readyState !== socket.OPEN) return false;
    const started = performance.now();
    socket.send(raw);
    metrics.stages.socket_write.observe(secondsSince(started));
    return true;
  };
  return {
    ...facts,
    connectedAt,
    send,
    reply(messageId, raw) {
      if (!send(raw)) return false;
      replies.processorReplied(messageId);
      return true;
    },
    close: (code, reason) => socket.close(code, reason),
  };
}

function actionLabel(decision: FrameDecision, protocol: TableVersion): string {
  const action = decision.facts.action;
  // Bounded label values: an action a station made up must not create a time series.
  const known = action !== null && (stationCallRow(protocol, action) !== undefined || csmsCallRow(protocol, action) !== undefined);
  return known ? action : 'none';
}

function callChannelFor(port: SocketPort, facts: ConnectionFacts, deps: OcppSocketDeps, log: Logger): CallChannel {
  return createCallChannel({
    maxQueued: deps.callQueueSize, timeoutMs: deps.callTimeoutMs, clock: deps.clock, timers: deps.timers, metrics: deps.metrics,
    send: port.send,
    reveal: deps.reveal(facts.chargePointId),
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
  if (decision.kind === 'rejected' && decision.problem === 'RATE_LIMITED') deps.metrics.framesRateLimited.inc();
  else if (decision.kind === 'rejected') log.warn({ messageId, rejection: decision.rejection }, 'frame rejected');
  if (decision.kind === 'response') {
    deps.metrics.unmatchedAnswers.inc();
    log.info({ messageId, messageTypeId }, 'answer to no awaited CSMS call');
  }
  const answered = answeredCall(decision.facts, awaited);
  if (answered === null) return null;
  deps.metrics.callsAnswered.inc({ message_type: messageTypeId === MessageType.CallResult ? 'CallResult' : 'CallError' });
  return ctx.calls.answered(answered.messageId);
}

/** Hands a frame's record to Kafka, counting it against the socket's pending frames. */
function recordFrame(ctx: SocketContext, record: Parameters<InboundSink['enqueue']>[0]): Promise<void> {
  ctx.flow.started();
  const written = ctx.deps.inbound.enqueue(record);
  written.then(() => ctx.flow.settled(), () => ctx.flow.settled());
  return written;
}

function closeByPolicy(ctx: SocketContext, close: typeof RATE_LIMIT_CLOSE | typeof BINARY_CLOSE): void {
  ctx.closing = true;
  ctx.deps.metrics.socketsClosedByPolicy.inc({ reason: close.metric });
  ctx.log.warn({ code: close.code }, `closing the socket: ${close.reason}`);
  ctx.socket.close(close.code, close.reason);
}

function onBinary(ctx: SocketContext, bytes: Buffer): void {
  const { deps, facts } = ctx;
  const { errorCode } = problemHandling(facts.protocol, 'BINARY_FRAME');
  const rejection = { errorCode, description: 'Binary frame: OCPP-J frames are text (RFC 6455 §5.6 text frames)' };
  deps.metrics.framesReceived.inc({ action: 'none', result: 'rejected' });
  recordFrame(ctx, binaryFrameRecord(facts, deps.clock(), bytes, rejection)).catch(ctx.failKafka);
  closeByPolicy(ctx, BINARY_CLOSE);
}

function onFrame(ctx: SocketContext, raw: string): void {
  const { deps, facts, connection, log } = ctx;
  const at = deps.clock();
  deps.registry.noteMessage(facts.chargePointId, facts.connectionId, at);
  const awaiting = ctx.calls.awaitingAnswer();
  const started = performance.now();
  const decision = decideFrame(raw, {
    protocol: facts.protocol, validator: deps.validators[facts.protocol], now: at, awaiting, rateLimit: ctx.rateLimit,
  });
  deps.metrics.stages.parse_validate.observe(secondsSince(started));
  const answered = noteFrame(ctx, decision, awaiting);
  const reply = decision.kind === 'rejected' || decision.kind === 'gateway-answered' ? decision.reply : null;
  // Awaited from its receipt, before Kafka has it: the processor's reply may come before the ack is seen here.
  if (decision.kind === 'forwarded' && decision.facts.messageId !== null) ctx.replies.awaitProcessor(decision.facts.messageId, at);
  recordFrame(ctx, frameRecord(facts, at, auditText(raw, deps.limits.rawMaxBytes), decision)).then(
    () => {
      // The next CSMS CALL goes out only once the answer to this one is durable.
      if (answered !== null) ctx.calls.recorded(answered.messageId);
      if (reply === null) return;
      if (connection.send(reply)) ctx.replies.gatewayReplied(at);
      else log.info({ messageId: decision.facts.messageId }, 'socket closed before the reply could be sent');
    },
    ctx.failKafka,
  );
  // After the refused frame is enqueued, so it is recorded before Disconnected.
  if (ctx.rateLimit.exhausted) closeByPolicy(ctx, RATE_LIMIT_CLOSE);
}

function onClose(ctx: SocketContext, code: number, reason: string): void {
  const { deps, facts, log } = ctx;
  deps.registry.remove(facts.chargePointId, facts.connectionId);
  deps.metrics.connections.set(deps.registry.size);
  log.info({ code, reason }, 'charge point disconnected');
  deps.metrics.disconnects.inc({ reason: disconnectReason(code, reason, { replaced: REPLACED_REASON, kafkaUnavailable: KAFKA_UNAVAILABLE.reason }) });
  // Before Disconnected, so that record is the connection's last.
  ctx.calls.close();
  ctx.replies.clear();
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
  deps.metrics.reconnects.noteConnect(facts.chargePointId, connectedAt);
  // Enqueued before any frame of this socket, so Connected precedes them in the topic.
  deps.inbound.enqueue(connectedRecord(facts, connectedAt)).catch(ctx.failKafka);
  log.info({ protocol: facts.protocol, remoteAddress: facts.remoteAddress }, 'charge point connected');
}

function listen(ctx: SocketContext): void {
  const { socket, log } = ctx;
  socket.on('message', (data: RawData, isBinary: boolean) => {
    // Frames ws had buffered before the close are not taken.
    if (ctx.closing) return;
    try {
      const bytes = toBuffer(data);
      if (isBinary) onBinary(ctx, bytes);
      else onFrame(ctx, bytes.toString('utf8'));
    } catch (error) {
      // A bug, never the station's fault: keep the process up, drop the connection.
      log.error({ err: error }, 'frame handling failed');
      socket.close(1011, 'internal error');
    }
  });
  socket.on('close', (code: number, reason: Buffer) => {
    ctx.alive.stop();
    // The station's own words (RFC 6455 §5.5.1: at most 123 bytes): made safe to store.
    onClose(ctx, code, toSafeText(reason.toString('utf8'), 123));
  });
  socket.on('error', (error: Error) => log.warn({ err: error }, 'socket error'));
}

export function attachOcppSocket(socket: WebSocket, session: OcppSession, deps: OcppSocketDeps): Connection {
  const connectedAt = deps.clock();
  const facts = { ...session, node: deps.node, connectionId: deps.newConnectionId() };
  const log = deps.logger.child({ chargePointId: facts.chargePointId, connectionId: facts.connectionId });
  const replies = createReplyTimer({ clock: deps.clock, seconds: deps.metrics.replySeconds, maxAwaited: MAX_AWAITED_REPLIES });
  const port = socketPort(socket, facts, connectedAt, deps.metrics, replies);
  const calls = callChannelFor(port, facts, deps, log);
  const connection: Connection = { ...port, call: calls.offer };
  const failKafka = (error: unknown): void => {
    log.error({ err: error }, 'inbound record not acknowledged; closing the socket');
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) {
      socket.close(KAFKA_UNAVAILABLE.code, KAFKA_UNAVAILABLE.reason);
    }
  };
  const alive = keepAlive(socket, {
    intervalMs: deps.pingMs, log, repeat: systemRepeat,
    onAlive: () => deps.registry.noteAlive(facts.chargePointId, facts.connectionId, deps.clock()),
  });
  const flow = createInboundFlow({
    maxPending: deps.limits.maxPendingFrames,
    pause: () => {
      deps.metrics.inboundPaused.inc();
      socket.pause();
      alive.hold();
    },
    resume: () => {
      socket.resume();
      alive.release();
    },
  });
  const rateLimit = createConnectionRateLimit(deps.limits.callRate, deps.clock);
  const ctx: SocketContext = { socket, facts, connection, calls, deps, log, failKafka, rateLimit, flow, alive, replies, closing: false };
  register(ctx, connectedAt);
  listen(ctx);
  return connection;
}
