// The app in memory (fastify inject / injectWS, no network) with a fake inbound sink at
// the Kafka port, to pin invariant 1 (no CALLRESULT before the CALL is acknowledged) and
// the one outstanding CSMS CALL per connection, with timers moved by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ackAll, messages, ocpp16, setupInMemoryGateway as setup, tick, undelivered, until } from './test-gateway.ts';
import type { KafkaClientState } from './http-routes.ts';

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

  it("speaks the station's preferred subprotocol, 2.0.1 included, and records it on the connection and its frames", async () => {
    const { app, held } = await setup();
    const ws = await app.injectWS('/ocpp/CP-U6', { headers: { 'sec-websocket-protocol': 'ocpp2.0.1, ocpp1.6' } });
    const received = messages(ws);
    ws.send('[5,"mt1",{}]');
    await tick();
    const [connected, frame] = held.map((h) => h.record);
    assert.equal(connected?.type === 'Connected' && connected.protocol, 'ocpp2.0.1');
    assert.deepEqual(frame?.type === 'Frame' && [frame.protocol, frame.messageTypeId, frame.rejection?.errorCode], ['ocpp2.0.1', 5, 'MessageTypeNotSupported']);
    ackAll(held);
    await until('the CALLERROR', () => received.length > 0);
    assert.deepEqual(JSON.parse(received[0]!).slice(0, 3), [4, 'mt1', 'MessageTypeNotSupported']);
    ws.terminate();
    await app.close();
  });

  it('refuses the upgrade without a subprotocol; the ops port serves connections, health and metrics, the OCPP port only health', async () => {
    const { app, ops, held } = await setup();
    await assert.rejects(app.injectWS('/ocpp/CP-U4'), /400/);
    await assert.rejects(app.injectWS('/ocpp/CP-U4', { headers: { 'sec-websocket-protocol': 'ocpp2.1, ocpp1.5' } }), /400/);
    const ws = await app.injectWS('/ocpp?chargePointId=CP-U5&version=1.6');
    await tick();
    const connected = held[0]!.record;
    assert.deepEqual(connected.type === 'Connected' && [connected.chargePointId, connected.node, connected.protocol],
      ['CP-U5', 3, 'ocpp1.6']);
    const list = (await ops.inject({ method: 'GET', url: '/connections' })).json();
    assert.deepEqual(list.map((c: { chargePointId: string }) => c.chargePointId), ['CP-U5']);
    const missing = await ops.inject({ method: 'GET', url: '/connections/CP-U9' });
    assert.deepEqual([missing.statusCode, missing.json().error.code], [404, 'CONNECTION_NOT_FOUND']);
    for (const served of [app, ops]) {
      const health = await served.inject({ method: 'GET', url: '/health' });
      assert.deepEqual([health.statusCode, health.json().status, health.json().connections, health.json().stations],
        [503, 'degraded', 1, 'ready']);
    }
    const metrics = await ops.inject({ method: 'GET', url: '/metrics' });
    assert.match(metrics.body, /csms_gateway_connections 1/);
    for (const url of ['/connections', '/connections/CP-U5', '/metrics']) {
      assert.equal((await app.inject({ method: 'GET', url })).statusCode, 404, `${url} is not on the OCPP port`);
    }
    ws.terminate();
    await app.close();
  });

  it('counts disconnects by reason, and a station that connects three times in ten minutes as flapping', async () => {
    const { app, ops, held } = await setup();
    for (let i = 0; i < 3; i += 1) {
      const ws = await app.injectWS('/ocpp/CP-FLAP', ocpp16);
      await until('connected', () => held.filter((h) => h.record.type === 'Connected').length === i + 1);
      ackAll(held);
      // As a network drop: no close frame, so 1006.
      ws.terminate();
      await until('disconnected', () => held.filter((h) => h.record.type === 'Disconnected').length === i + 1);
      ackAll(held);
    }
    const text = (await ops.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(text, /csms_gateway_disconnects_total\{reason="abnormal"\} 3/);
    assert.match(text, /csms_gateway_disconnects_total\{reason="kafka-unavailable"\} 0/);
    assert.match(text, /csms_gateway_flapping_stations 1/);
    await app.close();
  });

  it('names Kafka in /health as unreachable while its writes fail, and only then', async () => {
    let producer: KafkaClientState = 'down';
    const { app } = await setup({ kafkaHealth: () => ({ producer, consumer: 'up' }) });
    const down = await app.inject({ method: 'GET', url: '/health' });
    assert.deepEqual([down.statusCode, down.json().status, down.json().unreachable], [503, 'degraded', ['kafka']]);
    producer = 'up';
    const up = await app.inject({ method: 'GET', url: '/health' });
    assert.deepEqual([up.statusCode, up.json().status, up.json().unreachable], [200, 'ok', []]);
    await app.close();
  });

  it('sends a second CSMS CALL only once the first is answered, recording the answer with its action', async () => {
    const { app, held, csmsCall } = await setup();
    const ws = await app.injectWS('/ocpp/CP-C1', ocpp16);
    const received = messages(ws);
    assert.deepEqual([await csmsCall('CP-C1', 'r1'), await csmsCall('CP-C1', 'u1', 'UnlockConnector', { connectorId: 1 })],
      ['sent', 'queued']);
    await tick();
    assert.deepEqual(received, ['[2,"r1","Reset",{"type":"Soft"}]']);
    ws.send('[3,"r1",{"status":"Accepted"}]');
    await tick();
    const answer = held.at(-1)!.record;
    assert.deepEqual(answer.type === 'Frame' && [answer.messageTypeId, answer.messageId, answer.action, answer.rejection],
      [3, 'r1', 'Reset', null]);
    assert.equal(received.length, 1, 'the next CALL waits for the answer to be acknowledged');
    ackAll(held);
    await tick();
    assert.deepEqual(received, ['[2,"r1","Reset",{"type":"Soft"}]', '[2,"u1","UnlockConnector",{"connectorId":1}]']);
    ws.send('[4,"u1","NotSupported","",{}]');
    await tick();
    const error = held.at(-1)!.record;
    assert.deepEqual(error.type === 'Frame' && [error.messageTypeId, error.action], [4, 'UnlockConnector']);
    ws.terminate();
    await app.close();
  });

  it('times out an unanswered CSMS CALL as CallUndelivered Timeout and sends the next', async () => {
    const { app, held, timers, metrics, csmsCall } = await setup();
    const ws = await app.injectWS('/ocpp/CP-C2', ocpp16);
    const received = messages(ws);
    await csmsCall('CP-C2', 'r1');
    await csmsCall('CP-C2', 'r2', 'ClearCache', {});
    await tick();
    timers.advance(29_999);
    await tick();
    assert.deepEqual([undelivered(held), received.length], [[], 1]);
    timers.advance(1);
    await tick();
    assert.deepEqual(undelivered(held), ['r1:Timeout:conn-1']);
    assert.deepEqual(received.at(-1), '[2,"r2","ClearCache",{}]');
    ws.send('[3,"r1",{"status":"Accepted"}]');
    await tick();
    const late = held.at(-1)!.record;
    assert.deepEqual(late.type === 'Frame' && [late.messageId, late.action], ['r1', null], 'a late answer has no action');
    assert.equal((await metrics.unmatchedAnswers.get()).values[0]?.value, 1);
    ws.terminate();
    await app.close();
  });

  it('awaits a CSMS CALL until its command\'s deadline, and never sends one that has expired', async () => {
    const { app, held, timers, clock, csmsCall } = await setup();
    const ws = await app.injectWS('/ocpp/CP-C5', ocpp16);
    const received = messages(ws);
    const t = clock();
    assert.deepEqual([
      await csmsCall('CP-C5', 'd1', 'Reset', { type: 'Soft' }, t + 300_000),
      await csmsCall('CP-C5', 'd2', 'ClearCache', {}, t + 60_000),
      await csmsCall('CP-C5', 'd3', 'ClearCache', {}, t),
    ], ['sent', 'queued', 'expired']);
    await tick();
    assert.deepEqual(undelivered(held), ['d3:Timeout:conn-1'], 'already expired: reported, not sent');
    timers.advance(299_999);
    await tick();
    assert.deepEqual([undelivered(held), received], [['d3:Timeout:conn-1'], ['[2,"d1","Reset",{"type":"Soft"}]']]);
    timers.advance(1);
    await tick();
    assert.deepEqual(undelivered(held), ['d3:Timeout:conn-1', 'd1:Timeout:conn-1', 'd2:Timeout:conn-1']);
    assert.equal(received.length, 1, 'd2 expired in the queue and never reached the station');
    ws.terminate();
    await app.close();
  });

  it('records every CSMS CALL pending on a closed socket as ConnectionGone, before Disconnected', async () => {
    const { app, held, csmsCall } = await setup();
    const ws = await app.injectWS('/ocpp/CP-C3', ocpp16);
    assert.deepEqual([await csmsCall('CP-C3', 'a'), await csmsCall('CP-C3', 'b'), await csmsCall('CP-C3', 'c')],
      ['sent', 'queued', 'queued']);
    assert.equal(await csmsCall('CP-C3', 'd'), 'queue-full', 'callQueueSize is 2');
    ws.terminate();
    await until('Disconnected', () => held.some((h) => h.record.type === 'Disconnected'));
    assert.deepEqual(undelivered(held), ['d:QueueFull:conn-1', 'a:ConnectionGone:conn-1', 'b:ConnectionGone:conn-1',
      'c:ConnectionGone:conn-1']);
    assert.equal(held.at(-1)!.record.type, 'Disconnected');
    await app.close();
  });

  it('records a CSMS CALL for a station it does not hold as ConnectionGone', async () => {
    const { app, held, csmsCall } = await setup();
    const recorded = csmsCall('CP-NOWHERE', 'x1');
    await tick();
    assert.deepEqual(undelivered(held), ['x1:ConnectionGone:null']);
    ackAll(held);
    assert.equal(await recorded, 'no-connection');
    await app.close();
  });

  it('records an invalid CALLRESULT with its rejection, never answers it, and moves on', async () => {
    const { app, held, csmsCall } = await setup();
    const ws = await app.injectWS('/ocpp/CP-C4', ocpp16);
    const received = messages(ws);
    await csmsCall('CP-C4', 'r1');
    await csmsCall('CP-C4', 'r2');
    await tick();
    ws.send('[3,"r1",{"status":"Maybe"}]');
    await tick();
    const answer = held.at(-1)!.record;
    assert.deepEqual(answer.type === 'Frame' && [answer.action, answer.rejection?.errorCode], ['Reset', 'PropertyConstraintViolation']);
    ackAll(held);
    await tick();
    assert.deepEqual(received, ['[2,"r1","Reset",{"type":"Soft"}]', '[2,"r2","Reset",{"type":"Soft"}]'], 'no CALLERROR sent');
    ws.terminate();
    await app.close();
  });
});
