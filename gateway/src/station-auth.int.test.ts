// Station authentication end to end at the gateway: real Kafka (the registry and credentials
// followed from their compacted topics, refusals and replacements read back from csms.security),
// real TLS on loopback with certificates from the certificate module, real clients (ocpp-rpc
// for admitted stations, ws for refusals, to read the HTTP answer). Each refusal comes from its
// own loopback address, so the per-address lockout only shows where it is under test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { RPCClient } from 'ocpp-rpc';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { createSerde, outboundCall, topicName, type SecurityRecord, type Serde } from '@csms/contracts';
import {
  createKafka, createLogger, createSecretSealer, ensureTopics, envReader, hashStationPassword, verifyStationPassword,
} from '@csms/infra';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import type { FastifyInstance } from 'fastify';
import { createHashSlots } from './auth/hash-slots.ts';
import { createLockout } from './auth/lockout.ts';
import { createPasswordVerifier } from './auth/password-verifier.ts';
import { followStationTables, type StationTables } from './auth/station-tables.ts';
import { createTestCertificates, type ClientCertificate, type TestCertificates } from './auth/test-certificates.ts';
import { buildApp, type BuildAppOptions } from './build-app.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import { createKafkaWriter, type KafkaWriter } from './kafka-writer.ts';
import { readGatewayConfig } from './config.ts';
import { buildOpsApp } from './http-routes.ts';
import { createIpLimiter } from './ip-limiter.ts';
import { createMetrics, type GatewayMetrics } from './metrics.ts';
import { createOutboundConsumer, type OutboundConsumer } from './outbound-consumer.ts';
import { createOutboundDispatcher } from './outbound-dispatcher.ts';
import { systemRepeat, systemTimers } from './timers.ts';
import { startTlsListener, type TlsListener } from './tls-listener.ts';

type RPCClientOptions = ConstructorParameters<typeof RPCClient>[0];

const NODE = 2;
const TIMEOUT = 60_000;
const PASSWORDS = { 'CP-P1': 'password-of-cp-p1', 'CP-P2': 'password-of-cp-p2', 'CP-LOCK': 'password-of-cp-lock', 'CP-DUP': 'password-of-cp-dup', 'CP-KEY': 'password-of-cp-key' };
const PROFILES: Record<string, number> = { 'CP-P0': 0, 'CP-P1': 1, 'CP-P2': 2, 'CP-P3': 3, 'CP-LOCK': 1, 'CP-DUP': 1, 'CP-DUP0': 0, 'CP-KEY': 1 };
const sealer = createSecretSealer(Buffer.alloc(32, 3));


const defaultEdge = readGatewayConfig(envReader({})).edge;
let env: TestEnvironment;
let kafka: Kafka;
let serde: Serde;
let metrics: GatewayMetrics;
let writer: KafkaWriter;
let outbound: OutboundConsumer;
let tables: StationTables;
let app: FastifyInstance;
let ops: FastifyInstance;
let tlsListener: TlsListener;
let reader: Consumer;
let producer: Producer;
let certs: TestCertificates;
let wsUrl: string;
let wssUrl: string;
const security: SecurityRecord[] = [];

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function register(): Promise<void> {
  const now = Date.now();
  const chargePoints = Object.entries(PROFILES).map(async ([id, securityProfile]) => ({
    key: id,
    value: await serde.encode('chargePoints', {
      id, name: null, location: null, registrationStatus: 'Accepted', updatedAt: now, securityProfile, updatedBy: null, site: null,
    }),
  }));
  const credentials = Object.entries(PASSWORDS).map(async ([chargePointId, password]) => ({
    key: chargePointId,
    value: await serde.encode('stationCredentials', {
      chargePointId, passwordHash: await hashStationPassword(password), previousPasswordHash: null, previousValidUntil: null, updatedAt: now, updatedBy: null,
    }),
  }));
  await producer.send({ topic: topicName('chargePoints', env.topicPrefix), acks: -1, messages: await Promise.all(chargePoints) });
  await producer.send({ topic: topicName('stationCredentials', env.topicPrefix), acks: -1, messages: await Promise.all(credentials) });
}

async function startGateway(): Promise<void> {
  const logger = createLogger('station-auth-int', 'warn');
  metrics = createMetrics({ defaultMetrics: false });
  const registry = createConnectionRegistry();
  writer = createKafkaWriter({
    kafka, serde, topicPrefix: env.topicPrefix, node: NODE, maxBatchSize: 100, maxBatchBytes: 512 * 1024, metrics, logger,
    clock: Date.now, repeat: systemRepeat, probeCheckMs: 1000, idleProbeMs: 10_000,
  });
  await writer.connect();
  outbound = createOutboundConsumer({
    kafka, serde, topicPrefix: env.topicPrefix, node: NODE, metrics, logger, clock: Date.now,
    dispatcher: createOutboundDispatcher({ node: NODE, registry, inbound: writer, metrics, clock: Date.now, logger }),
  });
  await outbound.start();
  const verifier = createPasswordVerifier({ verify: verifyStationPassword, slots: createHashSlots({ concurrency: 2, maxQueued: 100 }) });
  tables = await followStationTables({
    kafka, serde, topicPrefix: env.topicPrefix, node: NODE, logger, onCredentialChange: (id) => verifier.forget(id),
  });
  await tables.ready;
  const shared: Omit<BuildAppOptions, 'listener'> = {
    // Pings every second, so the duplicate test sees a first socket that keeps answering them.
    config: { node: NODE, maxFrameBytes: 65536, pingSeconds: 1, callQueueSize: 20, callTimeoutSeconds: 30, edge: defaultEdge },
    logger, registry, inbound: writer, security: writer, metrics, clock: Date.now, timers: systemTimers, secrets: sealer,
    stationAuth: {
      directory: tables.directory, verifier, policy: { unknownStations: 'reject', minimumProfile: 0 }, duplicatePolicy: 'replace',
      lockout: createLockout({ perIdentity: 5, perAddress: 50, windowMs: 60_000, lockoutMs: 60_000, maxTracked: 1000 }),
    },
    kafkaHealth: () => ({ producer: writer.state(), consumer: outbound.state() }), closeGraceMs: 500,
    ipLimiter: createIpLimiter(defaultEdge.perIp, Date.now),
  };
  app = await buildApp({ ...shared, listener: { kind: 'plain' } });
  ops = buildOpsApp(shared);
  await app.listen({ host: '127.0.0.1', port: 0 });
  wsUrl = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/ocpp`;
  tlsListener = await startTlsListener({
    tls: { port: 0, certPath: certs.paths.certPath, keyPath: certs.paths.keyPath, caPath: certs.paths.caPath },
    host: '127.0.0.1', logger, build: (listener) => buildApp({ ...shared, listener }), handshakeTimeoutMs: 10_000,
  });
  wssUrl = `wss://127.0.0.1:${(tlsListener.app.server.address() as AddressInfo).port}/ocpp`;
}

before(async () => {
  env = await startTestEnvironment();
  const logger = createLogger('station-auth-int', 'warn');
  kafka = createKafka({ brokers: env.kafkaBrokers, clientId: `${env.topicPrefix}station-auth-int`, logger });
  await ensureTopics(kafka, env.topicPrefix);
  serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  certs = await createTestCertificates();
  await register();
  await startGateway();
  reader = kafka.consumer({ groupId: `${env.topicPrefix}station-auth-int-reader` });
  await reader.connect();
  await reader.subscribe({ topic: topicName('security', env.topicPrefix), fromBeginning: true });
  await reader.run({ eachMessage: async ({ message }) => { security.push(await serde.decode('security', message.value!)); } });
});

after(async () => {
  await Promise.all([app?.close(), ops?.close(), tlsListener?.close()]);
  await tables?.stop();
  await outbound?.stop();
  await writer?.close();
  await reader?.disconnect();
  await producer?.disconnect();
  await env?.stop();
});

interface Attempt {
  readonly url: string;
  readonly id: string;
  readonly from: string;
  readonly password?: string;
  /** Basic username, when not the id. */
  readonly username?: string;
  readonly certificate?: ClientCertificate;
  /** The subprotocol offered; ocpp1.6 when not given. */
  readonly protocol?: string;
}

/** An upgrade with ws, resolving with the HTTP answer when refused and 101 when admitted. */
function upgrade(attempt: Attempt): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const headers: Record<string, string> = {};
  if (attempt.password !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${attempt.username ?? attempt.id}:${attempt.password}`).toString('base64')}`;
  }
  const ws = new WebSocket(`${attempt.url}/${attempt.id}`, [attempt.protocol ?? 'ocpp1.6'], {
    headers, localAddress: attempt.from, ca: certs.ca, ...attempt.certificate,
  });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    ws.once('open', () => { ws.terminate(); resolve({ status: 101, headers: {}, body: '' }); });
    ws.once('error', (error) => { if (!error.message.startsWith('Unexpected server response')) reject(error); });
  });
}

/** An OCPP station through ocpp-rpc, as firmware would connect. */
async function station(
  url: string, id: string, options: { password?: string; certificate?: ClientCertificate; from?: string; protocol?: string } = {},
): Promise<RPCClient> {
  const client = new RPCClient({
    endpoint: url, identity: id, protocols: [options.protocol ?? 'ocpp1.6'], strictMode: true, reconnect: false,
    ...(options.password === undefined ? {} : { password: options.password }),
    wsOpts: { ca: certs.ca, localAddress: options.from ?? '127.0.0.1', ...options.certificate },
  } as RPCClientOptions);
  await client.connect();
  return client;
}

/**
 * The security records of a station once every record written for it so far has arrived: a
 * fence record goes through the gateway's own writer, whose order per station is kept, and is
 * awaited, so "recorded once" is checked without sleeping.
 */
async function securityOf(chargePointId: string): Promise<SecurityRecord[]> {
  const fence = `fence-${Math.random()}`;
  await writer.recordSecurity({
    type: 'StationAuthenticationRefused', chargePointId, at: Date.now(), node: NODE, remoteAddress: null, reason: 'TEST_FENCE', detail: fence,
    presentedProfile: 0, requiredProfile: null,
  });
  await waitFor(`the fence of ${chargePointId}`, () => security.find((r) => r.type === 'StationAuthenticationRefused' && r.detail === fence));
  return security.filter((r) => r.chargePointId === chargePointId && !(r.type === 'StationAuthenticationRefused' && r.reason === 'TEST_FENCE'));
}

function reasons(records: SecurityRecord[]): string[] {
  return records.map((r) => (r.type === 'StationAuthenticationRefused' ? `${r.reason}:${r.presentedProfile}:${r.requiredProfile}` : r.type));
}

describe('stations admitted per security profile', () => {
  it('admits profile 0 on ws://, 1 with Basic on ws://, 2 with Basic on wss://, 3 with a client certificate', { timeout: TIMEOUT }, async () => {
    const clients = [
      await station(wsUrl, 'CP-P0'),
      await station(wsUrl, 'CP-P1', { password: PASSWORDS['CP-P1'] }),
      await station(wssUrl, 'CP-P2', { password: PASSWORDS['CP-P2'] }),
      await station(wssUrl, 'CP-P3', { certificate: await certs.station('CP-P3') }),
    ];
    for (const client of clients) {
      const reply = await client.call('Heartbeat', {}) as { currentTime: string };
      assert.ok(Date.parse(reply.currentTime) > 0, `${client.identity} is answered`);
    }
    for (const id of ['CP-P0', 'CP-P1', 'CP-P2', 'CP-P3']) assert.deepEqual(reasons(await securityOf(id)), [], id);
    await Promise.all(clients.map((c) => c.close({ code: 1000 })));
  });

  it('admits OCPP 2.0.1 stations by the same profiles (A00-A04): the upgrade does not depend on the subprotocol', { timeout: TIMEOUT }, async () => {
    const protocol = 'ocpp2.0.1';
    const clients = [
      await station(wsUrl, 'CP-P0', { protocol }),
      await station(wsUrl, 'CP-P1', { password: PASSWORDS['CP-P1'], protocol }),
      await station(wssUrl, 'CP-P2', { password: PASSWORDS['CP-P2'], protocol }),
      await station(wssUrl, 'CP-P3', { certificate: await certs.station('CP-P3'), protocol }),
    ];
    for (const client of clients) {
      assert.equal(client.protocol, protocol);
      const reply = await client.call('Heartbeat', {}) as { currentTime: string };
      assert.ok(Date.parse(reply.currentTime) > 0, `${client.identity} is answered`);
    }
    await Promise.all(clients.map((c) => c.close({ code: 1000 })));
    const refused = await upgrade({ url: wsUrl, id: 'CP-P2', from: '127.0.0.26', password: PASSWORDS['CP-P2'], protocol });
    assert.equal(refused.status, 403, 'a profile-2 2.0.1 station on ws:// is refused as a 1.6 one is');
  });
});

describe('refused stations, each answered with its status and recorded once', () => {
  const cases: [string, () => Promise<Attempt>, number, string][] = [
    ['a wrong password', async () => ({ url: wsUrl, id: 'CP-P1', from: '127.0.0.3', password: 'not-the-password-1' }), 401, 'WRONG_PASSWORD:1:1'],
    ['a username other than the identity', async () => ({ url: wsUrl, id: 'CP-P1', from: '127.0.0.4', username: 'CP-P0', password: PASSWORDS['CP-P1'] }), 401, 'USERNAME_MISMATCH:1:1'],
    ['a certificate naming another station', async () => ({ url: wssUrl, id: 'CP-P3', from: '127.0.0.5', certificate: await certs.station('CP-P0') }), 403, 'CERTIFICATE_CN_MISMATCH:3:3'],
    ['a certificate from an unknown CA', async () => ({ url: wssUrl, id: 'CP-P3', from: '127.0.0.6', certificate: await certs.untrusted('CP-P3') }), 403, 'CERTIFICATE_UNTRUSTED:3:3'],
    ['an expired certificate', async () => ({ url: wssUrl, id: 'CP-P3', from: '127.0.0.7', certificate: await certs.expired('CP-P3') }), 403, 'CERTIFICATE_UNTRUSTED:3:3'],
    ['a profile-2 station on ws://', async () => ({ url: wsUrl, id: 'CP-P2', from: '127.0.0.8', password: PASSWORDS['CP-P2'] }), 403, 'DOWNGRADE:1:2'],
    ['a profile-3 station without a certificate', async () => ({ url: wssUrl, id: 'CP-P3', from: '127.0.0.9' }), 403, 'CERTIFICATE_REQUIRED:0:3'],
    ['an unknown station under reject', async () => ({ url: wsUrl, id: 'CP-STRANGER', from: '127.0.0.12' }), 401, 'UNKNOWN_STATION:0:null'],
  ];
  for (const [name, attemptOf, status, expected] of cases) {
    it(`refuses ${name} with ${status}`, { timeout: TIMEOUT }, async () => {
      const attempt = await attemptOf();
      const before = (await securityOf(attempt.id)).length;
      const answer = await upgrade(attempt);
      assert.equal(answer.status, status);
      if (status === 401) assert.equal(answer.headers['www-authenticate'], 'Basic realm="OCPP"');
      const records = (await securityOf(attempt.id)).slice(before);
      assert.deepEqual(reasons(records), [expected]);
      const record = records[0]!;
      assert.equal(record.type === 'StationAuthenticationRefused' && record.remoteAddress, attempt.from);
      if (name === 'an expired certificate') assert.equal(record.type === 'StationAuthenticationRefused' && record.detail, 'CERT_HAS_EXPIRED');
    });
  }
});

describe('failed authentications per address and identity', () => {
  it('answers the 6th attempt within a minute with 429, recording 5, while other stations, behind the same address too, connect', { timeout: TIMEOUT }, async () => {
    const from = '127.0.0.10';
    for (let i = 0; i < 5; i += 1) {
      assert.equal((await upgrade({ url: wsUrl, id: 'CP-LOCK', from, password: `wrong-password-${i}-xx` })).status, 401);
    }
    const locked = await upgrade({ url: wsUrl, id: 'CP-LOCK', from, password: PASSWORDS['CP-LOCK'] });
    assert.deepEqual([locked.status, JSON.parse(locked.body).error.code], [429, 'TOO_MANY_FAILED_AUTHENTICATIONS']);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    assert.deepEqual(reasons(await securityOf('CP-LOCK')), Array(5).fill('WRONG_PASSWORD:1:1'));
    assert.equal((await metrics.authLockedOut.get()).values[0]?.value, 1);
    const elsewhere = await station(wsUrl, 'CP-LOCK', { password: PASSWORDS['CP-LOCK'], from: '127.0.0.2' });
    await elsewhere.call('Heartbeat', {});
    await elsewhere.close({ code: 1000 });
    // A NAT: the station that failed is locked out, its neighbours on the same address are not.
    const neighbour = await station(wsUrl, 'CP-P1', { password: PASSWORDS['CP-P1'], from });
    await neighbour.call('Heartbeat', {});
    await neighbour.close({ code: 1000 });
  });
});

describe('duplicate identities', () => {
  it('lets a second authenticated socket replace the first, on the record, and sends commands to it', { timeout: TIMEOUT }, async () => {
    const first = await station(wsUrl, 'CP-DUP', { password: PASSWORDS['CP-DUP'], from: '127.0.0.13' });
    const firstClosed = new Promise<{ code: number; reason: string }>((r) => first.once('close', r));
    const second = await station(wsUrl, 'CP-DUP', { password: PASSWORDS['CP-DUP'], from: '127.0.0.14' });
    assert.deepEqual(await firstClosed, { code: 1000, reason: 'replaced by a newer connection' });
    const records = await securityOf('CP-DUP');
    const replaced = records.find((r) => r.type === 'ConnectionReplaced');
    assert.ok(replaced?.type === 'ConnectionReplaced');
    assert.deepEqual([replaced.remoteAddress, replaced.previousRemoteAddress, replaced.presentedProfile, replaced.node], ['127.0.0.14', '127.0.0.13', 1, NODE]);
    const info = (await ops.inject({ method: 'GET', url: '/connections/CP-DUP' })).json();
    assert.equal(info.connectionId, replaced.connectionId);
    const reset = new Promise<unknown>((r) => second.handle('Reset', async ({ params }) => { r(params); return { status: 'Accepted' }; }));
    await producer.send({ topic: topicName('outbound', env.topicPrefix), acks: -1, messages: [{
      key: 'CP-DUP', partition: NODE, value: await serde.encode('outbound', outboundCall(
        { chargePointId: 'CP-DUP', node: NODE, connectionId: replaced.connectionId, at: Date.now() },
        { messageId: 'dup-reset', action: 'Reset', payloadJson: '{"type":"Soft"}', deadline: null },
      )),
    }] });
    assert.deepEqual(await reset, { type: 'Soft' });
    await second.close({ code: 1000 });
  });

  it('refuses an unauthenticated duplicate with 409 while the first socket answers pings', { timeout: TIMEOUT }, async () => {
    const first = new WebSocket(`${wsUrl}/CP-DUP0`, ['ocpp1.6'], { localAddress: '127.0.0.15' });
    let pings = 0;
    first.on('ping', () => { pings += 1; });
    await new Promise((r, j) => { first.once('open', r); first.once('error', j); });
    // ws answers every ping itself: wait for two answered rounds, so liveness comes from pongs, not from the connect.
    await waitFor('two pings', () => (pings >= 2 ? true : undefined));
    const duplicate = await upgrade({ url: wsUrl, id: 'CP-DUP0', from: '127.0.0.16' });
    assert.deepEqual([duplicate.status, JSON.parse(duplicate.body).error.code], [409, 'DUPLICATE_REFUSED']);
    assert.deepEqual(reasons(await securityOf('CP-DUP0')), ['DUPLICATE_REFUSED:0:0']);
    assert.equal(first.readyState, WebSocket.OPEN, 'the first socket is untouched');
    first.close(1000);
  });
});

describe('password rotation through the station', () => {
  it('delivers a sealed AuthorizationKey to the station opened, and records only the sealed text', { timeout: TIMEOUT }, async () => {
    const client = await station(wsUrl, 'CP-KEY', { password: PASSWORDS['CP-KEY'], from: '127.0.0.17' });
    const changed = new Promise<unknown>((r) => client.handle('ChangeConfiguration', async ({ params }) => { r(params); return { status: 'Accepted' }; }));
    const info = (await ops.inject({ method: 'GET', url: '/connections/CP-KEY' })).json();
    const sealed = sealer.seal('the-next-password-17', { chargePointId: 'CP-KEY', key: 'AuthorizationKey' });
    await producer.send({ topic: topicName('outbound', env.topicPrefix), acks: -1, messages: [{
      key: 'CP-KEY', partition: NODE, value: await serde.encode('outbound', outboundCall(
        { chargePointId: 'CP-KEY', node: NODE, connectionId: info.connectionId, at: Date.now() },
        {
          messageId: 'rotate-1', action: 'ChangeConfiguration',
          payloadJson: JSON.stringify({ key: 'AuthorizationKey', value: sealed }), deadline: null,
        },
      )),
    }] });
    assert.deepEqual(await changed, { key: 'AuthorizationKey', value: 'the-next-password-17' });
    await client.close({ code: 1000 });
  });
});
