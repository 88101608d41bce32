// The gateway's edge limits in memory (fastify injectWS, no network), with a fake inbound
// sink at the Kafka port and a clock that moves only by hand: binary frames, the rate limit,
// back-pressure, the raw-text cap, identities from the raw URL and the per-address limits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import pino from 'pino';
import type WebSocket from 'ws';
import type { InboundFrame, InboundRecord } from '@csms/contracts';
import { envReader } from '@csms/infra';
import { createFakeStationAuth, recordingSecuritySink } from './auth/test-station-auth.ts';
import { buildApp } from './build-app.ts';
import { readGatewayConfig } from './config.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import type { EdgeConfig } from './edge-config.ts';
import { peer } from './test-gateway.ts';
import { createFakeTimers } from './test-timers.ts';
import { createIpLimiter } from './ip-limiter.ts';
import { createMetrics } from './metrics.ts';

interface Held { record: InboundRecord; ack(): void }

const defaults = readGatewayConfig(envReader({})).edge;

async function setup(edge: Partial<EdgeConfig> = {}) {
  const held: Held[] = [];
  const inbound = {
    enqueue: (record: InboundRecord) => new Promise<void>((resolve) => { held.push({ record, ack: resolve }); }),
  };
  const timers = createFakeTimers(Date.UTC(2025, 0, 1));
  const metrics = createMetrics({ defaultMetrics: false });
  const config = { node: 0, maxFrameBytes: 4096, pingSeconds: 30, callQueueSize: 2, callTimeoutSeconds: 30, edge: { ...defaults, ...edge } };
  const app = await buildApp({
    config, logger: pino({ level: 'silent' }), registry: createConnectionRegistry(), inbound, metrics, clock: () => timers.now, timers,
    security: recordingSecuritySink(), stationAuth: createFakeStationAuth({}), secrets: null, listener: { kind: 'plain' },
    ipLimiter: createIpLimiter(config.edge.perIp, () => timers.now),
    kafkaHealth: () => ({ producer: 'up', consumer: 'up' }), closeGraceMs: 50,
  });
  await app.ready();
  return { app, held, metrics };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

async function until(what: string, probe: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !probe(); i += 1) await tick();
  assert.ok(probe(), `timed out waiting for ${what}`);
}

function frames(held: Held[]): InboundFrame[] {
  return held.flatMap(({ record }) => (record.type === 'Frame' ? [record] : []));
}

function inbox(ws: WebSocket) {
  const received: unknown[] = [];
  ws.on('message', (data) => received.push(JSON.parse(data.toString())));
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
  return { received, closed };
}

interface Readable { get(): Promise<{ values: readonly { value: number; labels: object }[] }> }

async function counter(metric: Readable, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await metric.get();
  return values.find((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l))?.value ?? 0;
}

const ocpp16 = { headers: { 'sec-websocket-protocol': 'ocpp1.6' } };
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

describe('gateway edge (in memory)', () => {
  it('closes a binary frame with 1003 and records its length and hash, no payload', async () => {
    const { app, held, metrics } = await setup();
    const ws = await app.injectWS('/ocpp/CP-B1', ocpp16);
    const { closed } = inbox(ws);
    const bytes = Buffer.from([0x5b, 0x32, 0x00, 0xff]);
    ws.send(bytes, { binary: true });
    assert.deepEqual(await closed, { code: 1003, reason: 'binary frames are not OCPP-J' });
    const [record] = frames(held);
    assert.deepEqual(
      [record?.raw, record?.rawTruncated, record?.payload, record?.messageTypeId, record?.rejection?.errorCode],
      ['', { length: 4, sha256: sha256(bytes) }, null, null, 'FormationViolation']);
    assert.equal(await counter(metrics.socketsClosedByPolicy, { reason: 'binary-frame' }), 1);
    await app.close();
  });

  it('refuses calls past the rate limit with a GenericError, then closes with 1008', async () => {
    const { app, held, metrics } = await setup({ callRate: { ratePerSecond: 1, burst: 2, refusalsBeforeClose: 2 } });
    const ws = await app.injectWS('/ocpp/CP-R1', ocpp16);
    const { received, closed } = inbox(ws);
    for (let i = 1; i <= 4; i += 1) ws.send(`[2,"h${i}","Heartbeat",{}]`);
    await until('four frames recorded', () => frames(held).length === 4);
    for (const h of held) h.ack();
    await until('four replies', () => received.length === 4);
    assert.deepEqual(received.map((r) => (r as unknown[]).slice(0, 3)), [[3, 'h1', { currentTime: '2025-01-01T00:00:00.000Z' }],
      [3, 'h2', { currentTime: '2025-01-01T00:00:00.000Z' }], [4, 'h3', 'GenericError'], [4, 'h4', 'GenericError']]);
    assert.match((received[2] as string[])[3]!, /Rate limit exceeded: at most 1 calls a second/);
    assert.deepEqual(frames(held).map((f) => [f.rejection?.errorCode ?? null, f.repliedByGateway]),
      [[null, true], [null, true], ['GenericError', false], ['GenericError', false]]);
    ws.send('[2,"h5","Heartbeat",{}]');
    assert.deepEqual(await closed, { code: 1008, reason: 'rate limit exceeded' });
    assert.equal(frames(held).at(-1)?.messageId, 'h5', 'the frame that tipped it over is recorded');
    assert.equal(await counter(metrics.framesRateLimited), 3);
    assert.equal(await counter(metrics.socketsClosedByPolicy, { reason: 'rate-limit' }), 1);
    await app.close();
  });

  it('stops reading a socket with too many frames awaiting Kafka, and reads on after an ack', async () => {
    const { app, held, metrics } = await setup({ maxPendingFrames: 2 });
    const ws = await app.injectWS('/ocpp/CP-P1', ocpp16);
    ws.send('[2,"p1","Heartbeat",{}]');
    ws.send('[2,"p2","Heartbeat",{}]');
    await until('paused', () => frames(held).length === 2);
    assert.equal(await counter(metrics.inboundPaused), 1);
    ws.send('[2,"p3","Heartbeat",{}]');
    await tick();
    assert.deepEqual(frames(held).map((f) => f.messageId), ['p1', 'p2'], 'p3 waits in the socket');
    held.find((h) => h.record.type === 'Frame')!.ack();
    await until('p3 read after the ack', () => frames(held).length === 3);
    ws.terminate();
    await app.close();
  });

  it('records a frame over the raw cap truncated, keeping the payload only where processors need it', async () => {
    const { app, held } = await setup({ inboundRawMaxBytes: 256 });
    const ws = await app.injectWS('/ocpp/CP-T1', ocpp16);
    const data = 'é'.repeat(400);
    const forwarded = `[2,"t1","DataTransfer",{"vendorId":"V","data":"${data}"}]`;
    const rejected = `[2,"t2","DataTransfer",{"vendorId":"V","data":"${data}","extra":1}]`;
    ws.send(forwarded);
    ws.send(rejected);
    await until('both recorded', () => frames(held).length === 2);
    const [first, second] = frames(held);
    assert.ok(forwarded.startsWith(first!.raw) && Buffer.byteLength(first!.raw) <= 256 && Buffer.byteLength(first!.raw) >= 255);
    assert.deepEqual(first!.rawTruncated, { length: Buffer.byteLength(forwarded), sha256: sha256(forwarded) });
    assert.equal(first!.payload, JSON.stringify({ vendorId: 'V', data }), 'forwarded: processors need the payload');
    assert.deepEqual([second!.rejection?.errorCode, second!.payload, second!.rawTruncated?.length],
      ['FormationViolation', null, Buffer.byteLength(rejected)]);
    ws.terminate();
    await app.close();
  });

  it('takes the identity from the raw URL, percent-decoded once', async () => {
    const { app, held, metrics } = await setup();
    const ws = await app.injectWS('/ocpp/CP%2D9', ocpp16);
    await until('Connected', () => held.length === 1);
    assert.equal(held[0]!.record.chargePointId, 'CP-9');
    for (const path of ['/ocpp/a%2Fb', '/ocpp/a%252Fb', '/ocpp/CP%2001', '/ocpp/CP%00', `/ocpp/${'%41'.repeat(49)}`, `/ocpp/${'L'.repeat(200)}`]) {
      await assert.rejects(app.injectWS(path, ocpp16), /400/, path);
    }
    assert.equal(await counter(metrics.upgradesRefused, { reason: 'INVALID_CHARGE_POINT_ID' }), 6);
    ws.terminate();
    await app.close();
  });

  it('answers 429 past the open connections of an address, until one closes', async () => {
    const { app, metrics } = await setup({ perIp: { maxConnections: 2, connectsPerSecond: 100, connectBurst: 100 } });
    const first = peer('203.0.113.9');
    const sockets = [
      await app.injectWS('/ocpp/CP-I1', { ...ocpp16, socket: first }),
      await app.injectWS('/ocpp/CP-I2', { ...ocpp16, socket: peer('203.0.113.9') }),
    ];
    await assert.rejects(app.injectWS('/ocpp/CP-I3', { ...ocpp16, socket: peer('203.0.113.9') }), /429/);
    sockets.push(await app.injectWS('/ocpp/CP-I4', { ...ocpp16, socket: peer('198.51.100.1') }));
    first.emit('close');
    sockets.push(await app.injectWS('/ocpp/CP-I3', { ...ocpp16, socket: peer('203.0.113.9') }));
    assert.equal(await counter(metrics.upgradesRefused, { reason: 'too-many-connections' }), 1);
    for (const ws of sockets) ws.terminate();
    await app.close();
  });

  it('admits a TCP connection once, however many requests it carries', async () => {
    const { app, metrics } = await setup({ perIp: { maxConnections: 1, connectsPerSecond: 100, connectBurst: 100 } });
    const connection = peer('203.0.113.20');
    // Two requests on one connection (keep-alive): one place, one close listener.
    const sockets = [
      await app.injectWS('/ocpp/CP-K1', { ...ocpp16, socket: connection }),
      await app.injectWS('/ocpp/CP-K2', { ...ocpp16, socket: connection }),
    ];
    assert.equal(connection.listenerCount('close'), 1);
    await assert.rejects(app.injectWS('/ocpp/CP-K3', { ...ocpp16, socket: peer('203.0.113.20') }), /429/, 'another connection from the address');
    assert.equal(await counter(metrics.upgradesRefused, { reason: 'too-many-connections' }), 1);
    for (const ws of sockets) ws.terminate();
    await app.close();
  });

  it('answers 429 past the new connections a second of an address', async () => {
    const { app, metrics } = await setup({ perIp: { maxConnections: 100, connectsPerSecond: 1, connectBurst: 2 } });
    const sockets = [
      await app.injectWS('/ocpp/CP-N1', { ...ocpp16, socket: peer('2001:db8::1') }),
      await app.injectWS('/ocpp/CP-N2', { ...ocpp16, socket: peer('2001:db8::2') }),
    ];
    await assert.rejects(app.injectWS('/ocpp/CP-N3', { ...ocpp16, socket: peer('2001:db8::3') }), /429/, 'the same /64');
    assert.equal(await counter(metrics.upgradesRefused, { reason: 'too-many-new-connections' }), 1);
    for (const ws of sockets) ws.terminate();
    await app.close();
  });
});
