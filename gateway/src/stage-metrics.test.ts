// Each of the gateway's stage timings is observed by the path it times: counts only, never
// durations (a timed assertion would fail on a busy machine). Kafka is faked at its ports.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Kafka, Producer } from 'kafkajs';
import pino from 'pino';
import type { Histogram } from 'prom-client';
import { createSerdeOver, inMemorySchemaRegistry, outboundReply, type Serde } from '@csms/contracts';
import { createKafkaWriter } from './kafka-writer.ts';
import { createMetrics, type GatewayMetrics, type GatewayStage } from './metrics.ts';
import { outboundHandler } from './outbound-consumer.ts';
import { ackAll, messages, ocpp16, setupInMemoryGateway, tick } from './test-gateway.ts';

let serde: Serde;
before(async () => { serde = await createSerdeOver(inMemorySchemaRegistry(), ''); });

async function countOf(histogram: Histogram, labels: Record<string, string> = {}): Promise<number> {
  const values = (await histogram.get()).values;
  const count = values.find((v) => v.metricName?.endsWith('_count') && Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return count?.value ?? 0;
}

async function stageCount(metrics: GatewayMetrics, stage: GatewayStage): Promise<number> {
  const histogram = metrics.registry.getSingleMetric('csms_gateway_stage_seconds') as Histogram | undefined;
  assert.ok(histogram, 'the stage histogram is registered');
  return countOf(histogram, { stage });
}

describe('gateway stage timings', () => {
  it('times the parse and validation of a received frame, and the write of its answer to the socket', async () => {
    const { app, held, metrics } = await setupInMemoryGateway();
    const ws = await app.injectWS('/ocpp/CP-T1', ocpp16);
    const received = messages(ws);
    ws.send('[2,"h1","Heartbeat",{}]');
    await tick();
    assert.equal(await stageCount(metrics, 'parse_validate'), 1);
    assert.equal(await stageCount(metrics, 'socket_write'), 0, 'nothing written before the ack');
    ackAll(held);
    await tick();
    assert.equal(received.length, 1);
    assert.equal(await stageCount(metrics, 'socket_write'), 1);
    ws.terminate();
    await app.close();
  });

  it('times an outbound record from its Kafka timestamp to its arrival, delivered or not', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const frame = outboundReply({ chargePointId: 'CP-T2', node: 3, connectionId: null, at: 0 }, 'm1', { kind: 'CallResult', payload: {} });
    const handle = outboundHandler({
      node: 3, serde, metrics, logger: pino({ level: 'silent' }), clock: () => 1_700_000_000_020,
      dispatcher: { dispatch: async () => 'no-connection' },
    }, 'ocpp.outbound');
    const message = { key: null, value: await serde.encode('outbound', frame), timestamp: '1700000000000', offset: '0', attributes: 0, headers: {} };
    await handle({ partition: 3, message });
    await handle({ partition: 4, message });
    assert.equal(await stageCount(metrics, 'outbound_fetch'), 1, 'only records of the node\'s own partition');
  });

  it('times an inbound record from enqueue to Kafka\'s acknowledgement in the produce histogram', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const producer = { connect: async () => {}, disconnect: async () => {}, sendBatch: async () => [] };
    const writer = createKafkaWriter({
      kafka: { producer: () => producer as unknown as Producer } as unknown as Kafka, serde, topicPrefix: '', node: 3,
      maxBatchSize: 100, maxBatchBytes: 512 * 1024, metrics, logger: pino({ level: 'silent' }), clock: () => 0,
      repeat: () => () => {}, probeCheckMs: 2_000, idleProbeMs: 10_000,
    });
    await writer.enqueue({
      type: 'Connected', chargePointId: 'CP-T3', node: 3, connectionId: 'c1', at: 0, protocol: 'ocpp1.6', remoteAddress: null, securityProfile: 0,
    });
    assert.equal(await countOf(metrics.produceLatency), 1);
  });
});
