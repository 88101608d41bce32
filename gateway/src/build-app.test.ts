// The app in memory (fastify inject / injectWS, no network) with a fake inbound sink at
// the Kafka port, to pin invariant 1: no CALLRESULT before the CALL is acknowledged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import type WebSocket from 'ws';
import type { InboundRecord } from '@csms/contracts';
import { buildApp } from './build-app.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import { createMetrics } from './metrics.ts';

interface Held { record: InboundRecord; ack(): void; fail(): void }

async function setup() {
  const held: Held[] = [];
  const inbound = {
    enqueue: (record: InboundRecord) => new Promise<void>((resolve, reject) => {
      held.push({ record, ack: resolve, fail: () => reject(new Error('kafka down')) });
    }),
  };
  const registry = createConnectionRegistry();
  let ids = 0;
  const app = await buildApp({
    config: { node: 3, maxFrameBytes: 1024, pingSeconds: 30 }, logger: pino({ level: 'silent' }), registry, inbound,
    metrics: createMetrics({ defaultMetrics: false }), clock: () => Date.UTC(2025, 0, 1),
    kafkaHealth: () => ({ producer: 'up', consumer: 'starting' }), newConnectionId: () => `conn-${++ids}`, closeGraceMs: 50,
  });
  await app.ready();
  return { app, held, registry };
}

function messages(ws: WebSocket): string[] {
  const received: string[] = [];
  ws.on('message', (data) => received.push(data.toString()));
  return received;
}

const tick = () => new Promise((r) => setTimeout(r, 20));
const ocpp16 = { headers: { 'sec-websocket-protocol': 'ocpp1.6' } };

describe('gateway app (in memory)', () => {
  it('sends the Heartbeat CALLRESULT only after Kafka acknowledged the frame', async () => {
    const { app, held } = await setup();
    const ws = await app.injectWS('/ocpp/CP-U1', ocpp16);
    const received = messages(ws);
    ws.send('[2,"h1","Heartbeat",{}]');
    await tick();
    assert.deepEqual(held.map((h) => h.record.type), ['Connected', 'Frame']);
    assert.deepEqual(received, [], 'nothing before the ack');
    held[1]!.ack();
    await tick();
    assert.deepEqual(received, ['[3,"h1",{"currentTime":"2025-01-01T00:00:00.000Z"}]']);
    ws.terminate();
    await app.close();
  });

  it('closes the socket with 1011 instead of answering when Kafka refuses the frame', async () => {
    const { app, held } = await setup();
    const ws = await app.injectWS('/ocpp/CP-U2', ocpp16);
    const received = messages(ws);
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.send('[2,"h1","Heartbeat",{}]');
    await tick();
    held[1]!.fail();
    assert.equal(await closed, 1011);
    assert.deepEqual(received, []);
    await app.close();
  });

  it('records a bad frame with its rejection and answers the CALLERROR after the ack', async () => {
    const { app, held } = await setup();
    const ws = await app.injectWS('/ocpp/CP-U3', ocpp16);
    const received = messages(ws);
    ws.send('not json');
    await tick();
    const record = held[1]!.record;
    assert.equal(record.type === 'Frame' && record.rejection?.errorCode, 'FormationViolation');
    assert.deepEqual(received, []);
    held[1]!.ack();
    await tick();
    assert.deepEqual(JSON.parse(received[0]!).slice(0, 3), [4, '-1', 'FormationViolation']);
    ws.terminate();
    await app.close();
  });

  it('refuses the upgrade without a subprotocol and serves connections and health', async () => {
    const { app, held } = await setup();
    await assert.rejects(app.injectWS('/ocpp/CP-U4'), /400/);
    await assert.rejects(app.injectWS('/ocpp/CP-U4', { headers: { 'sec-websocket-protocol': 'ocpp2.0.1' } }), /400/);
    const ws = await app.injectWS('/ocpp?chargePointId=CP-U5&version=1.6');
    await tick();
    const connected = held[0]!.record;
    assert.deepEqual(connected.type === 'Connected' && [connected.chargePointId, connected.node, connected.protocol],
      ['CP-U5', 3, 'ocpp1.6']);
    const list = (await app.inject({ method: 'GET', url: '/connections' })).json();
    assert.deepEqual(list.map((c: { chargePointId: string }) => c.chargePointId), ['CP-U5']);
    const missing = await app.inject({ method: 'GET', url: '/connections/CP-U9' });
    assert.deepEqual([missing.statusCode, missing.json().error.code], [404, 'CONNECTION_NOT_FOUND']);
    const health = await app.inject({ method: 'GET', url: '/health' });
    assert.deepEqual([health.statusCode, health.json().status, health.json().connections], [503, 'degraded', 1]);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    assert.match(metrics.body, /csms_gateway_connections 1/);
    ws.terminate();
    await app.close();
  });

  it('replaces an earlier connection of the same charge point', async () => {
    const { app, registry } = await setup();
    const first = await app.injectWS('/ocpp/CP-U6', ocpp16);
    const closed = new Promise<string>((r) => first.on('close', (code, reason) => r(`${code} ${reason.toString()}`)));
    const second = await app.injectWS('/ocpp/CP-U6', ocpp16);
    assert.equal(await closed, '1000 replaced');
    await tick();
    assert.equal(registry.get('CP-U6')?.connectionId, 'conn-2');
    second.terminate();
    await app.close();
  });
});
