// Test support: the gateway app in memory (fastify inject / injectWS, no network) with a fake
// inbound sink that holds every record until the test acknowledges or fails it, in-memory
// station authentication, and timers and clock moved by hand.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type WebSocket from 'ws';
import { outboundCall, outboundReply, type InboundRecord, type OutboundFrame } from '@csms/contracts';
import { createSecretSealer, envReader, verifyStationPassword } from '@csms/infra';
import type { HashSlotsOptions } from './auth/hash-slots.ts';
import { createFakeStationAuth, recordingSecuritySink } from './auth/test-station-auth.ts';
import type { AuthPolicy } from './auth/auth-decision.ts';
import type { DuplicatePolicy } from './auth/duplicate-policy.ts';
import { buildApp, type BuildAppOptions } from './build-app.ts';
import { readGatewayConfig } from './config.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import { buildOpsApp, type KafkaHealth } from './http-routes.ts';
import { createFakeTimers } from './test-timers.ts';
import { createMetrics } from './metrics.ts';
import { createIpLimiter } from './ip-limiter.ts';
import { createOutboundDispatcher } from './outbound-dispatcher.ts';

export interface Held { record: InboundRecord; ack(): void; fail(): void }

const defaultEdge = readGatewayConfig(envReader({})).edge;

interface InMemoryOptions {
  readonly pingSeconds?: number;
  readonly policy?: AuthPolicy;
  readonly duplicatePolicy?: DuplicatePolicy;
  /** The password hash as the verifier sees it (heldHashes() holds it at a gate). */
  readonly verify?: (password: string, storedHash: string) => Promise<boolean>;
  readonly hashSlots?: HashSlotsOptions;
  /** The writer's and the outbound consumer's states, as /health reads them. */
  readonly kafkaHealth?: () => KafkaHealth;
}

/** The key CSMS_SECRETS_KEY would hold, for sealed ChangeConfiguration values. */
export const sealer = createSecretSealer(Buffer.alloc(32, 7));

export async function setupInMemoryGateway(options: InMemoryOptions = {}) {
  const held: Held[] = [];
  const inbound = {
    enqueue: (record: InboundRecord) => new Promise<void>((resolve, reject) => {
      held.push({ record, ack: resolve, fail: () => reject(new Error('kafka down')) });
    }),
  };
  const registry = createConnectionRegistry();
  const timers = createFakeTimers(Date.UTC(2025, 0, 1));
  // Moves with the timers, so a CALL's deadline and its answer timer agree.
  const clock = () => timers.now;
  const metrics = createMetrics({ defaultMetrics: false, clock });
  let ids = 0;
  const stationAuth = createFakeStationAuth({ ...options, onCheck: (source) => metrics.passwordChecks.inc({ source }) });
  const security = recordingSecuritySink();
  const appOptions: BuildAppOptions = {
    config: { node: 3, maxFrameBytes: 1024, pingSeconds: options.pingSeconds ?? 30, callQueueSize: 2, callTimeoutSeconds: 30, edge: defaultEdge },
    logger: pino({ level: 'silent' }), registry, inbound, metrics, clock, timers, security, stationAuth, secrets: sealer,
    ipLimiter: createIpLimiter(defaultEdge.perIp, clock),
    listener: { kind: 'plain' },
    kafkaHealth: options.kafkaHealth ?? (() => ({ producer: 'up', consumer: 'starting' })), newConnectionId: () => `conn-${++ids}`, closeGraceMs: 50,
  };
  const app = await buildApp(appOptions);
  await app.ready();
  const ops = buildOpsApp(appOptions);
  const dispatcher = createOutboundDispatcher({ node: 3, registry, inbound, metrics, clock, logger: pino({ level: 'silent' }) });
  /** A CSMS CALL arriving on ocpp.outbound for the station, as a processor writes it. */
  const csmsCall = (
    chargePointId: string, messageId: string, action = 'Reset', payload: object = { type: 'Soft' }, deadline: number | null = null,
  ) => {
    const frame: OutboundFrame = outboundCall(
      { chargePointId, node: 3, connectionId: registry.get(chargePointId)?.connectionId ?? null, at: clock() },
      { messageId, action, payloadJson: JSON.stringify(payload), deadline },
    );
    return dispatcher.dispatch(frame);
  };
  /** A processor's CALLRESULT to the station's CALL, arriving on ocpp.outbound. */
  const processorReply = (chargePointId: string, messageId: string, payload: object = {}) => dispatcher.dispatch(outboundReply(
    { chargePointId, node: 3, connectionId: registry.get(chargePointId)?.connectionId ?? null, at: clock() },
    messageId, { kind: 'CallResult', payload },
  ));
  return { app, ops, held, registry, timers, metrics, clock, csmsCall, processorReply, stationAuth, security };
}

/** Acknowledges every record held so far. */
export function ackAll(held: Held[]): void {
  for (const h of held) h.ack();
}

export function undelivered(held: Held[]): string[] {
  return held.flatMap(({ record: r }) => (r.type === 'CallUndelivered' ? [`${r.messageId}:${r.reason}:${r.connectionId}`] : []));
}

export function messages(ws: WebSocket): string[] {
  const received: string[] = [];
  ws.on('message', (data) => received.push(data.toString()));
  return received;
}

export const tick = () => new Promise((r) => setTimeout(r, 20));

export async function until(what: string, probe: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !probe(); i += 1) await tick();
  assert.ok(probe(), `timed out waiting for ${what}`);
}
export const ocpp16 = { headers: { 'sec-websocket-protocol': 'ocpp1.6' } };

/**
 * Password hashes that wait until the test releases them, so attempts can be made to overlap:
 * each is computed at once, and releaseAll() hands every result over in the same turn.
 */
export function heldHashes() {
  const waiting: { readonly result: Promise<boolean>; resolve(matched: boolean): void }[] = [];
  let started = 0;
  const verify = (password: string, storedHash: string) => new Promise<boolean>((resolve) => {
    started += 1;
    waiting.push({ result: verifyStationPassword(password, storedHash), resolve });
  });
  const releaseAll = async (): Promise<void> => {
    const taken = waiting.splice(0);
    const results = await Promise.all(taken.map((w) => w.result));
    taken.forEach((w, i) => w.resolve(results[i]!));
  };
  return { verify, waiting, started: () => started, releaseAll };
}

/** A TCP peer (never connected) as the gateway sees it, for an upgrade made in memory (injectWS's `socket`). */
export function peer(remoteAddress: string): Socket {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress });
  return socket;
}


export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { readonly error?: { readonly code: string } };
}

/**
 * The HTTP answer to a WebSocket upgrade that is refused before the 101, as a station's client
 * reads it off its TCP connection (injectWS tells only the status). The upgrade comes from
 * `remoteAddress`, over a connection the gateway closes once it has answered.
 */
export async function refusedUpgrade(
  app: FastifyInstance, path: string, headers: Record<string, string>, remoteAddress = '127.0.0.1',
): Promise<HttpAnswer> {
  const written: Buffer[] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) { written.push(Buffer.from(chunk)); done(); },
  });
  Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress });
  const request = {
    method: 'GET', url: path, httpVersion: '1.1', socket,
    headers: {
      ...headers, host: 'localhost', connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    },
  };
  const closed = once(socket, 'close');
  app.server.emit('upgrade', request, socket, Buffer.alloc(0));
  await closed;
  const [head = '', body = ''] = Buffer.concat(written).toString('utf8').split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const answerHeaders = Object.fromEntries(headerLines.map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
  }));
  return { status: Number(statusLine.split(' ')[1]), headers: answerHeaders, body: body === '' ? {} : JSON.parse(body) };
}
