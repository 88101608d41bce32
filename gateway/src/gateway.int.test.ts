// The gateway against the real Kafka and schema registry, driven by a real WebSocket client.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import {
  createSerde, outboundCall, topicName, type InboundCallUndelivered, type InboundFrame, type InboundRecord, type Serde,
} from '@csms/contracts';
import { createKafka, createLogger, ensureTopics, envReader } from '@csms/infra';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import type { FastifyInstance } from 'fastify';
import { createFakeStationAuth } from './auth/test-station-auth.ts';
import { buildApp, type BuildAppOptions } from './build-app.ts';
import { readGatewayConfig } from './config.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import { buildOpsApp } from './http-routes.ts';
import { createKafkaWriter, type KafkaWriter } from './kafka-writer.ts';
import { createIpLimiter } from './ip-limiter.ts';
import { createMetrics, type GatewayMetrics } from './metrics.ts';
import { createOutboundConsumer, type OutboundConsumer } from './outbound-consumer.ts';
import { createOutboundDispatcher } from './outbound-dispatcher.ts';
import { systemRepeat, systemTimers } from './timers.ts';

const NODE = 1;
const MAX_FRAME_BYTES = 4096;
const TIMEOUT = 30_000;
/** Short, so the timeout case runs in seconds. */
const CALL_TIMEOUT_SECONDS = 3;
const RAW_MAX_BYTES = 512;
/** Small enough to reach in a test, large enough for the other tests' sequences of frames. */
const CALL_RATE = { ratePerSecond: 10, burst: 20, refusalsBeforeClose: 10 };
const HANDSHAKE_TIMEOUT_SECONDS = 2;
const edge = {
  ...readGatewayConfig(envReader({})).edge,
  inboundRawMaxBytes: RAW_MAX_BYTES, callRate: CALL_RATE, handshakeTimeoutSeconds: HANDSHAKE_TIMEOUT_SECONDS,
};
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

let env: TestEnvironment;
let kafka: Kafka;
let serde: Serde;
let metrics: GatewayMetrics;
let inbound: KafkaWriter;
let outbound: OutboundConsumer;
let app: FastifyInstance;
let ops: FastifyInstance;
let reader: Consumer;
let outProducer: Producer;
let baseUrl: string;
const records: InboundRecord[] = [];

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A client that queues what it receives, so no message is missed between awaits. */
interface Client {
  ws: WebSocket;
  next(): Promise<unknown>;
  /** Messages received and not yet taken by next(). */
  unread(): number;
  closed: Promise<{ code: number; reason: string }>;
}

function connect(path: string, protocols?: string[]): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = protocols ? new WebSocket(baseUrl + path, protocols) : new WebSocket(baseUrl + path);
    const inbox: unknown[] = [];
    const waiters: ((m: unknown) => void)[] = [];
    ws.on('message', (data) => {
      const message: unknown = JSON.parse(data.toString());
      const waiter = waiters.shift();
      if (waiter) waiter(message); else inbox.push(message);
    });
    const closed = new Promise<{ code: number; reason: string }>((r) => {
      ws.on('close', (code, reason) => r({ code, reason: reason.toString() }));
    });
    const next = () => new Promise<unknown>((r, j) => {
      if (inbox.length > 0) { r(inbox.shift()); return; }
      const timer = setTimeout(() => j(new Error('no message within 20s')), 20_000);
      waiters.push((m) => { clearTimeout(timer); r(m); });
    });
    ws.once('open', () => resolve({ ws, next, unread: () => inbox.length, closed }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

async function call(client: Client, frame: string): Promise<unknown> {
  client.ws.send(frame);
  return client.next();
}

function frameRecord(predicate: (r: InboundFrame) => boolean): Promise<InboundFrame> {
  return waitFor('an inbound frame record', () =>
    records.find((r): r is InboundFrame => r.type === 'Frame' && predicate(r)));
}

function undeliveredRecord(messageId: string): Promise<InboundCallUndelivered> {
  return waitFor(`CallUndelivered of ${messageId}`, () =>
    records.find((r): r is InboundCallUndelivered => r.type === 'CallUndelivered' && r.messageId === messageId));
}

/** Writes CSMS CALLs to this node's partition of ocpp.outbound, as a processor does. */
async function sendCalls(chargePointId: string, connectionId: string | null, calls: [string, string, object][]): Promise<void> {
  const messages = await Promise.all(calls.map(async ([messageId, action, payload]) => ({
    key: chargePointId, partition: NODE,
    value: await serde.encode('outbound', outboundCall(
      { chargePointId, node: NODE, connectionId, at: Date.now() },
      { messageId, action, payloadJson: JSON.stringify(payload), deadline: null },
    )),
  })));
  await outProducer.send({ topic: topicName('outbound', env.topicPrefix), acks: -1, messages });
}

async function connectionIdOf(chargePointId: string): Promise<string> {
  const info = await ops.inject({ method: 'GET', url: `/connections/${chargePointId}` });
  assert.equal(info.statusCode, 200);
  return info.json().connectionId as string;
}

before(async () => {
  env = await startTestEnvironment();
  const logger = createLogger('gateway-int', 'warn');
  kafka = createKafka({ brokers: env.kafkaBrokers, clientId: `${env.topicPrefix}gateway-int`, logger });
  await ensureTopics(kafka, env.topicPrefix);
  serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
  metrics = createMetrics({ defaultMetrics: false });
  const registry = createConnectionRegistry();
  inbound = createKafkaWriter({
    kafka, serde, topicPrefix: env.topicPrefix, node: NODE, maxBatchSize: 100, maxBatchBytes: 512 * 1024, metrics, logger,
    clock: Date.now, repeat: systemRepeat, probeCheckMs: 1000, idleProbeMs: 10_000,
  });
  await inbound.connect();
  outbound = createOutboundConsumer({
    kafka, serde, topicPrefix: env.topicPrefix, node: NODE, metrics, logger, clock: Date.now,
    dispatcher: createOutboundDispatcher({ node: NODE, registry, inbound, metrics, clock: Date.now, logger }),
  });
  await outbound.start();
  const options: BuildAppOptions = {
    config: {
      node: NODE, maxFrameBytes: MAX_FRAME_BYTES, pingSeconds: 30, callQueueSize: 20, callTimeoutSeconds: CALL_TIMEOUT_SECONDS, edge,
    },
    logger, registry, inbound, metrics, clock: Date.now, timers: systemTimers, security: inbound, secrets: null,
    stationAuth: createFakeStationAuth(), listener: { kind: 'plain' }, ipLimiter: createIpLimiter(edge.perIp, Date.now), kafkaHealth: () => ({ producer: inbound.state(), consumer: outbound.state() }), closeGraceMs: 500,
  };
  app = await buildApp(options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  ops = buildOpsApp(options);
  baseUrl = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  reader = kafka.consumer({ groupId: `${env.topicPrefix}gateway-int-reader` });
  await reader.connect();
  await reader.subscribe({ topic: topicName('inbound', env.topicPrefix), fromBeginning: true });
  await reader.run({ eachMessage: async ({ message }) => { records.push(await serde.decode('inbound', message.value!)); } });
  outProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await outProducer.connect();
});

after(async () => {
  await app?.close();
  await ops?.close();
  await outbound?.stop();
  await inbound?.close();
  await reader?.disconnect();
  await outProducer?.disconnect();
  await env?.stop();
});

describe('gateway against Kafka', () => {
  it('answers a Heartbeat after recording it, with Connected before it', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-T1', ['ocpp1.6']);
    assert.equal(client.ws.protocol, 'ocpp1.6');
    const reply = await call(client, '[2,"hb-1","Heartbeat",{}]') as [number, string, { currentTime: string }];
    assert.deepEqual(reply.slice(0, 2), [3, 'hb-1']);
    assert.ok(Math.abs(Date.parse(reply[2].currentTime) - Date.now()) < 60_000);
    const frame = await frameRecord((r) => r.chargePointId === 'CP-T1' && r.messageId === 'hb-1');
    assert.deepEqual(
      [frame.action, frame.messageTypeId, frame.repliedByGateway, frame.rejection, frame.node, frame.protocol, frame.raw],
      ['Heartbeat', 2, true, null, NODE, 'ocpp1.6', '[2,"hb-1","Heartbeat",{}]']);
    const connectedAt = records.findIndex((r) => r.type === 'Connected' && r.connectionId === frame.connectionId);
    assert.ok(connectedAt >= 0 && connectedAt < records.indexOf(frame), 'Connected precedes the frame');
    const connected = records[connectedAt]!;
    assert.equal(connected.type === 'Connected' && connected.node, NODE);

    const info = await ops.inject({ method: 'GET', url: '/connections/CP-T1' });
    assert.equal(info.statusCode, 200);
    assert.equal(info.json().connectionId, frame.connectionId);
    assert.equal((await ops.inject({ method: 'GET', url: '/connections/CP-NONE' })).statusCode, 404);
    const health = (await app.inject({ method: 'GET', url: '/health' })).json();
    assert.deepEqual([health.status, health.node, health.connections], ['ok', NODE, 1]);
    client.ws.close();
    await client.closed;
  });

  it('forwards a BootNotification without answering it', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-T1', ['ocpp1.6']);
    client.ws.send('[2,"boot-1","BootNotification",{"chargePointVendor":"V","chargePointModel":"M"}]');
    const frame = await frameRecord((r) => r.messageId === 'boot-1');
    assert.deepEqual([frame.repliedByGateway, frame.rejection, frame.action], [false, null, 'BootNotification']);
    // A Heartbeat sent after it is answered first: nothing came for boot-1.
    const reply = await call(client, '[2,"hb-2","Heartbeat",{}]') as unknown[];
    assert.equal(reply[1], 'hb-2');
    client.ws.close();
    await client.closed;
  });

  const badFrames: [string, string, string, string][] = [
    ['not JSON', '[2,"x"', '-1', 'FormationViolation'],
    ['not an array', '{"a":1}', '-1', 'FormationViolation'],
    ['wrong length', '[2,"bad-len","Heartbeat"]', 'bad-len', 'ProtocolError'],
    ['a non-string messageId', '[2,42,"Heartbeat",{}]', '-1', 'FormationViolation'],
    ['an unknown action', '[2,"bad-action","Teleport",{}]', 'bad-action', 'NotImplemented'],
    ['a missing required field', '[2,"bad-req","StatusNotification",{"connectorId":1,"status":"Available"}]', 'bad-req', 'OccurenceConstraintViolation'],
    ['a wrong type', '[2,"bad-type","StatusNotification",{"connectorId":"1","errorCode":"NoError","status":"Available"}]', 'bad-type', 'TypeConstraintViolation'],
    ['maxLength exceeded', `[2,"bad-len2","Authorize",{"idTag":"${'X'.repeat(21)}"}]`, 'bad-len2', 'TypeConstraintViolation'],
    ['a bad enum value', '[2,"bad-enum","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Melting"}]', 'bad-enum', 'PropertyConstraintViolation'],
    ['an additional property', '[2,"bad-extra","Heartbeat",{"x":1}]', 'bad-extra', 'FormationViolation'],
    ['a bad date-time', '[2,"bad-date","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"noon"}]', 'bad-date', 'TypeConstraintViolation'],
  ];

  it('answers each kind of bad frame with its CALLERROR and records the rejection', { timeout: TIMEOUT * 2 }, async () => {
    const client = await connect('/ocpp/CP-T1', ['ocpp1.6']);
    for (const [name, raw, messageId, errorCode] of badFrames) {
      const reply = await call(client, raw) as unknown[];
      assert.deepEqual(reply.slice(0, 3), [4, messageId, errorCode], name);
      assert.deepEqual(reply[4], {}, name);
      const record = await frameRecord((r) => r.raw === raw);
      assert.equal(record.rejection?.errorCode, errorCode, name);
      assert.equal(record.repliedByGateway, false, name);
    }
    const record = await frameRecord((r) => r.messageId === 'bad-enum');
    assert.deepEqual([record.messageTypeId, record.action], [2, 'StatusNotification']);
    assert.equal(client.ws.readyState, WebSocket.OPEN, 'bad frames do not close the socket');
    client.ws.close();
    await client.closed;
  });

  it('delivers ocpp.outbound frames of its partition and drops those for absent sockets', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-T1', ['ocpp1.6']);
    const topic = topicName('outbound', env.topicPrefix);
    const frame = (chargePointId: string, messageId: string) => outboundCall(
      { chargePointId, node: NODE, connectionId: null, at: Date.now() },
      { messageId, action: 'Reset', payloadJson: JSON.stringify({ type: 'Soft' }), deadline: null },
    );
    await outProducer.send({ topic, acks: -1, messages: [
      { key: 'CP-NOBODY', partition: NODE, value: await serde.encode('outbound', frame('CP-NOBODY', 'out-0')) },
      { key: 'CP-T1', partition: NODE, value: await serde.encode('outbound', frame('CP-T1', 'out-1')) },
    ] });
    assert.deepEqual(await client.next(), [2, 'out-1', 'Reset', { type: 'Soft' }]);
    const dropped = await metrics.outboundDropped.get();
    assert.equal(dropped.values.find((v) => v.labels.reason === 'no-connection')?.value, 1);

    client.ws.send('[3,"out-1",{"status":"Accepted"}]');
    const answer = await frameRecord((r) => r.messageId === 'out-1');
    assert.deepEqual([answer.messageTypeId, answer.action, answer.rejection], [3, 'Reset', null]);
    const gone = await undeliveredRecord('out-0');
    assert.deepEqual([gone.chargePointId, gone.reason, gone.node], ['CP-NOBODY', 'ConnectionGone', NODE]);
    client.ws.close();
    await client.closed;
  });

  it('closes the socket with 1009 on an oversize frame', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-T1', ['ocpp1.6']);
    client.ws.send(`[2,"big","DataTransfer",{"vendorId":"V","data":"${'x'.repeat(MAX_FRAME_BYTES)}"}]`);
    assert.equal((await client.closed).code, 1009);
  });

  it('records a frame over the raw cap truncated, with its length and hash', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-BIG', ['ocpp1.6']);
    const raw = `[2,"big-1","DataTransfer",{"vendorId":"V","data":"${'é'.repeat(1000)}"}]`;
    client.ws.send(raw);
    const record = await frameRecord((r) => r.messageId === 'big-1');
    assert.ok(raw.startsWith(record.raw) && Buffer.byteLength(record.raw) <= RAW_MAX_BYTES && Buffer.byteLength(record.raw) >= RAW_MAX_BYTES - 1);
    assert.deepEqual(record.rawTruncated, { length: Buffer.byteLength(raw), sha256: sha256(raw) });
    assert.equal(record.payload, JSON.stringify({ vendorId: 'V', data: 'é'.repeat(1000) }), 'forwarded: processors need it');
    client.ws.close();
    await client.closed;
  });

  it('closes a binary frame with 1003 and records its length and hash', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-BIN', ['ocpp1.6']);
    const bytes = Buffer.from('[2,"bin-1","Heartbeat",{}]');
    client.ws.send(bytes, { binary: true });
    assert.equal((await client.closed).code, 1003);
    const record = await frameRecord((r) => r.chargePointId === 'CP-BIN');
    assert.deepEqual([record.raw, record.rawTruncated, record.payload, record.rejection?.errorCode],
      ['', { length: bytes.length, sha256: sha256(bytes) }, null, 'FormationViolation']);
  });

  it('answers a burst past the rate limit with CALLERRORs, then closes with 1008', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-BURST', ['ocpp1.6']);
    // Phase 1: past the burst, within the tolerated refusals: every frame gets its answer.
    const first = CALL_RATE.burst + CALL_RATE.refusalsBeforeClose / 2;
    for (let i = 0; i < first; i += 1) client.ws.send(`[2,"burst-${i}","Heartbeat",{}]`);
    const replies = await Promise.all(Array.from({ length: first }, () => client.next())) as unknown[][];
    const refused = replies.filter((r) => r[0] === 4);
    assert.ok(refused.length >= 1 && replies.length - refused.length >= CALL_RATE.burst, `${refused.length} refused`);
    for (const r of refused) assert.deepEqual([r[2], String(r[3]).startsWith('Rate limit exceeded')], ['GenericError', true]);
    const refusedRecord = await frameRecord((r) => r.messageId === refused[0]![1]);
    assert.equal(refusedRecord.rejection?.errorCode, 'GenericError');
    // Phase 2: a flood; more than the burst and the tolerated refusals together.
    for (let i = 0; i < 3 * (CALL_RATE.burst + CALL_RATE.refusalsBeforeClose); i += 1) client.ws.send(`[2,"flood-${i}","Heartbeat",{}]`);
    assert.deepEqual(await client.closed, { code: 1008, reason: 'rate limit exceeded' });
    const closes = await metrics.socketsClosedByPolicy.get();
    assert.equal(closes.values.find((v) => v.labels.reason === 'rate-limit')?.value, 1);
  });

  it('records the reason a station closes with made safe to store', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-BYE', ['ocpp1.6']);
    client.ws.close(4000, 'bye\u0000now');
    await client.closed;
    const disconnected = await waitFor('Disconnected of CP-BYE', () =>
      records.find((r) => r.type === 'Disconnected' && r.chargePointId === 'CP-BYE'));
    assert.deepEqual(disconnected.type === 'Disconnected' && [disconnected.code, disconnected.reason], [4000, 'bye\uFFFDnow']);
  });

  it('closes a connection whose upgrade request never completes', { timeout: TIMEOUT }, async () => {
    const socket = net.connect((app.server.address() as AddressInfo).port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => { received += chunk.toString(); });
    await once(socket, 'connect');
    socket.write('GET /ocpp/CP-SLOW HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n');
    // The server closes it (408) once HANDSHAKE_TIMEOUT_SECONDS have passed; the test's own timeout is the bound.
    await once(socket, 'close');
    assert.match(received, /^HTTP\/1\.1 408/);
  });

  it('refuses a missing or unsupported subprotocol with HTTP 400', { timeout: TIMEOUT }, async () => {
    await assert.rejects(connect('/ocpp/CP-T2'), /HTTP 400/);
    await assert.rejects(connect('/ocpp/CP-T2', ['ocpp2.1', 'ocpp1.5']), /HTTP 400/);
    await assert.rejects(connect('/ocpp?chargePointId=CP-T2&version=2.0.1'), /HTTP 400/, 'the legacy query stands in for 1.6 only');
    await assert.rejects(connect(`/ocpp/${'L'.repeat(49)}`, ['ocpp1.6']), /HTTP 400/);
    await assert.rejects(connect('/ocpp/CP%2FT2', ['ocpp1.6']), /HTTP 400/, 'an encoded slash');
    await assert.rejects(connect('/ocpp/CP%252FT2', ['ocpp1.6']), /HTTP 400/, 'a second decoding would change it');
  });

  it('accepts the legacy query URL', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp?chargePointId=CP-LEGACY&version=1.6');
    const reply = await call(client, '[2,"lg-1","Heartbeat",{}]') as unknown[];
    assert.deepEqual(reply.slice(0, 2), [3, 'lg-1']);
    const connected = await waitFor('Connected of CP-LEGACY', () =>
      records.find((r) => r.type === 'Connected' && r.chargePointId === 'CP-LEGACY'));
    assert.equal(connected.type === 'Connected' && connected.protocol, 'ocpp1.6');
    client.ws.close();
    await client.closed;
  });

  it('refuses a second unauthenticated connection of a connected charge point, and keeps the first', { timeout: TIMEOUT }, async () => {
    const first = await connect('/ocpp/CP-T3', ['ocpp1.6']);
    // Replacing a live socket takes a password or a certificate (station-auth.int.test.ts): an identity alone is not enough.
    await assert.rejects(connect('/ocpp/CP-T3', ['ocpp1.6']), /HTTP 409/);
    const reply = await call(first, '[2,"rp-1","Heartbeat",{}]') as unknown[];
    assert.equal(reply[1], 'rp-1');
    first.ws.close();
    const { code } = await first.closed;
    const disconnected = await waitFor('Disconnected of CP-T3', () =>
      records.find((r) => r.type === 'Disconnected' && r.chargePointId === 'CP-T3'));
    assert.equal(disconnected.type === 'Disconnected' && disconnected.code, code);
    const again = await connect('/ocpp/CP-T3', ['ocpp1.6']);
    again.ws.close();
    await again.closed;
  });

  it('sends CSMS CALLs one at a time and records each answer with the action of its CALL', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-T4', ['ocpp1.6']);
    await sendCalls('CP-T4', await connectionIdOf('CP-T4'), [
      ['cmd-1', 'Reset', { type: 'Soft' }],
      ['cmd-2', 'GetConfiguration', { key: ['HeartbeatInterval'] }],
    ]);
    assert.deepEqual(await client.next(), [2, 'cmd-1', 'Reset', { type: 'Soft' }]);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(client.unread(), 0, 'the second CALL waits for the answer to the first');
    client.ws.send('[3,"cmd-1",{"status":"Accepted"}]');
    assert.deepEqual(await client.next(), [2, 'cmd-2', 'GetConfiguration', { key: ['HeartbeatInterval'] }]);
    client.ws.send('[3,"cmd-2",{"configurationKey":[{"key":"HeartbeatInterval","readonly":false,"value":"300"}]}]');
    const first = await frameRecord((r) => r.messageId === 'cmd-1');
    const second = await frameRecord((r) => r.messageId === 'cmd-2');
    assert.deepEqual([first.messageTypeId, first.action, first.rejection, first.payload],
      [3, 'Reset', null, '{"status":"Accepted"}']);
    assert.deepEqual([second.messageTypeId, second.action, second.rejection], [3, 'GetConfiguration', null]);
    assert.ok(records.indexOf(first) < records.indexOf(second));
    client.ws.close();
    await client.closed;
  });

  it('records an invalid CALLRESULT with its rejection and sends no CALLERROR', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-T5', ['ocpp1.6']);
    await sendCalls('CP-T5', await connectionIdOf('CP-T5'), [['bad-1', 'UnlockConnector', { connectorId: 1 }]]);
    assert.deepEqual(await client.next(), [2, 'bad-1', 'UnlockConnector', { connectorId: 1 }]);
    client.ws.send('[3,"bad-1",{"status":"Open"}]');
    const answer = await frameRecord((r) => r.messageId === 'bad-1');
    assert.deepEqual([answer.action, answer.rejection?.errorCode], ['UnlockConnector', 'PropertyConstraintViolation']);
    const reply = await call(client, '[2,"hb-5","Heartbeat",{}]') as unknown[];
    assert.deepEqual(reply.slice(0, 2), [3, 'hb-5'], 'the next thing received is the Heartbeat reply');
    client.ws.close();
    await client.closed;
  });

  it('records an unanswered CSMS CALL as CallUndelivered Timeout, then sends the next', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-T6', ['ocpp1.6']);
    const connectionId = await connectionIdOf('CP-T6');
    await sendCalls('CP-T6', connectionId, [['slow-1', 'ClearCache', {}], ['slow-2', 'ClearCache', {}]]);
    assert.deepEqual(await client.next(), [2, 'slow-1', 'ClearCache', {}]);
    const startedAt = Date.now();
    assert.deepEqual(await client.next(), [2, 'slow-2', 'ClearCache', {}]);
    assert.ok(Date.now() - startedAt >= CALL_TIMEOUT_SECONDS * 1000 - 200, 'sent after the timeout');
    const timedOut = await undeliveredRecord('slow-1');
    assert.deepEqual([timedOut.reason, timedOut.connectionId, timedOut.chargePointId], ['Timeout', connectionId, 'CP-T6']);
    client.ws.send('[3,"slow-2",{"status":"Accepted"}]');
    assert.equal((await frameRecord((r) => r.messageId === 'slow-2')).action, 'ClearCache');
    client.ws.close();
    await client.closed;
  });

  it('records the CSMS CALLs pending on a socket that closes as ConnectionGone', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-T7', ['ocpp1.6']);
    const connectionId = await connectionIdOf('CP-T7');
    await sendCalls('CP-T7', connectionId, [['left-1', 'Reset', { type: 'Hard' }], ['left-2', 'ClearCache', {}]]);
    assert.deepEqual(await client.next(), [2, 'left-1', 'Reset', { type: 'Hard' }]);
    client.ws.close();
    await client.closed;
    const gone = await Promise.all(['left-1', 'left-2'].map(undeliveredRecord));
    assert.deepEqual(gone.map((r) => [r.reason, r.connectionId]), [['ConnectionGone', connectionId], ['ConnectionGone', connectionId]]);
    const disconnected = await waitFor('Disconnected of CP-T7', () => {
      const index = records.findIndex((r) => r.type === 'Disconnected' && r.connectionId === connectionId);
      return index >= 0 ? index : undefined;
    });
    // left-2 may still be on its way from ocpp.outbound when the socket closes (then it is
    // recorded as not held, after Disconnected); the CALL that was outstanding is not.
    assert.ok(disconnected > records.indexOf(gone[0]!), 'the outstanding CALL is recorded before Disconnected');
    await sendCalls('CP-T7', connectionId, [['after-1', 'Reset', { type: 'Soft' }]]);
    assert.equal((await undeliveredRecord('after-1')).reason, 'ConnectionGone', 'a CALL for the closed connection');
  });
});

describe('gateway against Kafka: OCPP 2.0.1 stations', () => {
  async function connectedProtocol(client: Client, chargePointId: string): Promise<string | null> {
    const connectionId = await connectionIdOf(chargePointId);
    const connected = await waitFor(`Connected of ${chargePointId}`, () =>
      records.find((r) => r.type === 'Connected' && r.connectionId === connectionId));
    client.ws.close();
    await client.closed;
    return connected.type === 'Connected' ? connected.protocol : null;
  }

  it("negotiates the station's preferred subprotocol and records it on the connection", { timeout: TIMEOUT }, async () => {
    const offers: [string, string[], string][] = [
      ['CP-V1', ['ocpp2.0.1', 'ocpp1.6'], 'ocpp2.0.1'],
      ['CP-V2', ['ocpp1.6', 'ocpp2.0.1'], 'ocpp1.6'],
      ['CP-V3', ['ocpp2.0.1'], 'ocpp2.0.1'],
    ];
    for (const [chargePointId, offered, chosen] of offers) {
      const client = await connect(`/ocpp/${chargePointId}`, offered);
      assert.equal(client.ws.protocol, chosen, offered.join(', '));
      assert.equal(await connectedProtocol(client, chargePointId), chosen, offered.join(', '));
    }
  });

  it('answers a 2.0.1 Heartbeat and StatusNotification itself after recording them', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-V4', ['ocpp2.0.1']);
    const heartbeat = await call(client, '[2,"v-hb","Heartbeat",{}]') as [number, string, { currentTime: string }];
    assert.deepEqual(heartbeat.slice(0, 2), [3, 'v-hb']);
    const status = '{"timestamp":"2025-01-02T03:04:05Z","connectorStatus":"Available","evseId":1,"connectorId":1}';
    assert.deepEqual(await call(client, `[2,"v-st","StatusNotification",${status}]`), [3, 'v-st', {}]);
    const frame = await frameRecord((r) => r.messageId === 'v-st');
    assert.deepEqual([frame.protocol, frame.action, frame.repliedByGateway, frame.rejection], ['ocpp2.0.1', 'StatusNotification', true, null]);
    client.ws.send('[2,"v-boot","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V"}}]');
    const boot = await frameRecord((r) => r.messageId === 'v-boot');
    assert.deepEqual([boot.protocol, boot.repliedByGateway, boot.rejection], ['ocpp2.0.1', false, null]);
    client.ws.close();
    await client.closed;
  });

  const badFrames201: [string, string, string, string][] = [
    ['not JSON', '[2,"x"', '-1', 'RpcFrameworkError'],
    ['wrong length', '[2,"v-len","Heartbeat"]', 'v-len', 'RpcFrameworkError'],
    ['a missing required field', '[2,"v-req","StatusNotification",{"timestamp":"2025-01-02T03:04:05Z","connectorStatus":"Available","evseId":1}]', 'v-req', 'OccurrenceConstraintViolation'],
    ['a 1.6 payload', '[2,"v-16","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available"}]', 'v-16', 'OccurrenceConstraintViolation'],
    ['an additional property', '[2,"v-extra","Heartbeat",{"x":1}]', 'v-extra', 'ProtocolError'],
    ['a 2.0.1 action the CSMS does not implement', '[2,"v-ne","NotifyEvent",{"generatedAt":"2025-01-02T03:04:05Z","seqNo":0,"eventData":[]}]', 'v-ne', 'NotImplemented'],
    ['a CSMS call', '[2,"v-reset","Reset",{"type":"Immediate"}]', 'v-reset', 'NotSupported'],
    ['an unknown message type', '[5,"v-mt",{}]', 'v-mt', 'MessageTypeNotSupported'],
    ['a 2.1 SEND', '[6,"v-send","NotifyPeriodicEventStream",{}]', 'v-send', 'MessageTypeNotSupported'],
  ];

  it('answers bad 2.0.1 frames with the OCPP-J 2.0.1 codes and records the rejection', { timeout: TIMEOUT * 2 }, async () => {
    const client = await connect('/ocpp/CP-V5', ['ocpp2.0.1']);
    for (const [name, raw, messageId, errorCode] of badFrames201) {
      const reply = await call(client, raw) as unknown[];
      assert.deepEqual(reply.slice(0, 3), [4, messageId, errorCode], name);
      assert.deepEqual(reply[4], {}, name);
      const record = await frameRecord((r) => r.raw === raw && r.chargePointId === 'CP-V5');
      assert.deepEqual([record.rejection?.errorCode, record.protocol, record.repliedByGateway], [errorCode, 'ocpp2.0.1', false], name);
    }
    const unknownType = await frameRecord((r) => r.messageId === 'v-mt');
    assert.equal(unknownType.messageTypeId, 5);
    assert.equal(client.ws.readyState, WebSocket.OPEN, 'bad frames do not close the socket');
    client.ws.close();
    await client.closed;
  });

  it('still ignores an unknown message type from a 1.6 station (OCPP-J 1.6 §4.1.3), recording it', { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-V6', ['ocpp1.6']);
    client.ws.send('[5,"v16-mt",{}]');
    const reply = await call(client, '[2,"v16-hb","Heartbeat",{}]') as unknown[];
    assert.deepEqual(reply.slice(0, 2), [3, 'v16-hb'], 'the next thing received is the Heartbeat reply');
    const record = await frameRecord((r) => r.messageId === 'v16-mt');
    assert.deepEqual([record.messageTypeId, record.rejection?.errorCode], [5, 'ProtocolError']);
    client.ws.close();
    await client.closed;
  });

  it("checks a 2.0.1 station's answers to CSMS CALLs against the 2.0.1 response schemas", { timeout: TIMEOUT }, async () => {
    const client = await connect('/ocpp/CP-V7', ['ocpp2.0.1']);
    const setHeartbeat = { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '300' }] };
    await sendCalls('CP-V7', await connectionIdOf('CP-V7'), [['v-set-1', 'SetVariables', setHeartbeat], ['v-reset-1', 'Reset', { type: 'OnIdle' }]]);
    assert.deepEqual(await client.next(), [2, 'v-set-1', 'SetVariables', setHeartbeat]);
    client.ws.send('[3,"v-set-1",{"setVariableResult":[{"attributeStatus":"Accepted"}]}]');
    const invalid = await frameRecord((r) => r.messageId === 'v-set-1');
    assert.deepEqual([invalid.action, invalid.rejection?.errorCode], ['SetVariables', 'OccurrenceConstraintViolation']);
    assert.deepEqual(await client.next(), [2, 'v-reset-1', 'Reset', { type: 'OnIdle' }], 'no CALLERROR for an answer; the next CALL goes out');
    client.ws.send('[3,"v-reset-1",{"status":"Scheduled"}]');
    const valid = await frameRecord((r) => r.messageId === 'v-reset-1');
    assert.deepEqual([valid.action, valid.rejection], ['Reset', null]);
    client.ws.close();
    await client.closed;
  });
});
