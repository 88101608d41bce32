// csms_gateway_reply_seconds through the app in memory: a station's CALL answered by the gateway
// and one answered by a processor, with the clock moved by hand (the sums are the fake clock's,
// never a measured duration).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Histogram } from 'prom-client';
import type { GatewayMetrics } from './metrics.ts';
import type { AnsweredBy } from './reply-timing.ts';
import { ackAll, messages, ocpp16, setupInMemoryGateway as setup, tick, until } from './test-gateway.ts';

async function replySeconds(metrics: GatewayMetrics, answeredBy: AnsweredBy): Promise<{ count: number; sum: number }> {
  const histogram = metrics.registry.getSingleMetric('csms_gateway_reply_seconds') as Histogram | undefined;
  assert.ok(histogram, 'the reply histogram is registered');
  const values = (await histogram.get()).values.filter((v) => v.labels.answered_by === answeredBy);
  const of = (suffix: string) => values.find((v) => v.metricName?.endsWith(suffix))?.value ?? Number.NaN;
  return { count: of('_count'), sum: of('_sum') };
}

describe('reply latency (csms_gateway_reply_seconds)', () => {
  it('is scraped from zero for both answerers before any CALL', async () => {
    const { app, metrics } = await setup();
    assert.deepEqual(
      [await replySeconds(metrics, 'gateway'), await replySeconds(metrics, 'processor')],
      [{ count: 0, sum: 0 }, { count: 0, sum: 0 }],
    );
    await app.close();
  });

  it('times a CALL the gateway answers from its receipt to its reply, Kafka\'s acknowledgement included', async () => {
    const { app, held, metrics, timers } = await setup();
    const ws = await app.injectWS('/ocpp/CP-R1', ocpp16);
    const received = messages(ws);
    ws.send('[2,"h1","Heartbeat",{}]');
    await until('the frame is held for Kafka', () => held.length === 2);
    timers.advance(250);
    ackAll(held);
    await until('the Heartbeat reply', () => received.length === 1);
    assert.deepEqual(await replySeconds(metrics, 'gateway'), { count: 1, sum: 0.25 });
    assert.deepEqual(await replySeconds(metrics, 'processor'), { count: 0, sum: 0 });
    ws.terminate();
    await app.close();
  });

  it('times a CALL a processor answers from its receipt to its reply written, once', async () => {
    const { app, held, metrics, timers, processorReply } = await setup();
    const ws = await app.injectWS('/ocpp/CP-R2', ocpp16);
    const received = messages(ws);
    ws.send('[2,"b1","BootNotification",{"chargePointVendor":"V","chargePointModel":"M"}]');
    await until('the frame is held for Kafka', () => held.length === 2);
    ackAll(held);
    timers.advance(1_500);
    assert.equal(await processorReply('CP-R2', 'b1', { status: 'Accepted', currentTime: '2025-01-01T00:00:00Z', interval: 300 }), 'sent');
    assert.equal(await processorReply('CP-R2', 'b1'), 'sent', 'a reply written twice (a re-delivered record) is timed once');
    assert.equal(await processorReply('CP-R2', 'unknown'), 'sent');
    await until('the replies', () => received.length === 3);
    assert.deepEqual(await replySeconds(metrics, 'processor'), { count: 1, sum: 1.5 });
    assert.deepEqual(await replySeconds(metrics, 'gateway'), { count: 0, sum: 0 });
    ws.terminate();
    await app.close();
  });

  it('times a reply only against the socket that received its CALL, not the one that replaced it', async () => {
    const { app, held, metrics, processorReply } = await setup();
    const first = await app.injectWS('/ocpp/CP-R3', ocpp16);
    first.send('[2,"b1","BootNotification",{"chargePointVendor":"V","chargePointModel":"M"}]');
    await until('the frame is held for Kafka', () => held.length === 2);
    first.terminate();
    await tick();
    const second = await app.injectWS('/ocpp/CP-R3', ocpp16);
    await tick();
    ackAll(held);
    assert.equal(await processorReply('CP-R3', 'b1'), 'sent', 'written to the new socket, which never received b1');
    assert.deepEqual(await replySeconds(metrics, 'processor'), { count: 0, sum: 0 });
    second.terminate();
    await app.close();
  });
});
