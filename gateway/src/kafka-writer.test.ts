// The writer's health rests on writes: probes through the same queue as the records, written
// when it is not up and when it has written nothing for a while. Kafka is faked at the
// producer port, the registry in memory, time and the probe checks moved by hand.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Kafka, Producer, ProducerBatch } from 'kafkajs';
import pino from 'pino';
import { createSerdeOver, inMemorySchemaRegistry, type InboundConnected, type Serde } from '@csms/contracts';
import { createKafkaWriter } from './kafka-writer.ts';
import { createMetrics } from './metrics.ts';
import type { Repeat } from './timers.ts';

let serde: Serde;
before(async () => { serde = await createSerdeOver(inMemorySchemaRegistry(), ''); });

/** Producers whose sends fail while `failing` holds; every batch sent is kept, with its topics and keys. */
function fakeKafka() {
  const state = { failing: false, sent: [] as string[][] };
  const producer = (): Producer => {
    const port = {
      connect: async () => {},
      disconnect: async () => {},
      sendBatch: async (batch: ProducerBatch) => {
        if (state.failing) throw new Error('NOT_ENOUGH_REPLICAS');
        state.sent.push((batch.topicMessages ?? []).flatMap((t) => t.messages.map((m) => `${t.topic}:${String(m.key)}`)));
        return [];
      },
    };
    return port as unknown as Producer;
  };
  return { state, kafka: { producer } as unknown as Kafka };
}

function manualRepeat() {
  let tick: (() => void) | null = null;
  const repeat: Repeat = (_ms, fn) => { tick = fn; return () => { tick = null; }; };
  return { repeat, round: () => tick?.() };
}

const settle = () => new Promise((r) => setImmediate(r));

function setup() {
  const fake = fakeKafka();
  const timer = manualRepeat();
  let now = 0;
  const writer = createKafkaWriter({
    kafka: fake.kafka, serde, topicPrefix: '', node: 3, maxBatchSize: 100, maxBatchBytes: 512 * 1024,
    metrics: createMetrics({ defaultMetrics: false }), logger: pino({ level: 'silent' }), clock: () => now,
    repeat: timer.repeat, probeCheckMs: 2_000, idleProbeMs: 10_000,
  });
  return { writer, ...fake, round: timer.round, advance: (ms: number) => { now += ms; } };
}

const connected = (chargePointId: string): InboundConnected => ({
  type: 'Connected', chargePointId, node: 3, connectionId: 'c1', at: 0, protocol: 'ocpp1.6', remoteAddress: null, securityProfile: 0,
});

describe('kafka writer health', () => {
  it('is up after connecting only once its first probe was written', async () => {
    const { writer, state } = setup();
    await writer.connect();
    assert.equal(writer.state(), 'up');
    assert.deepEqual(state.sent, [['csms.gateway.probes:3']]);
  });

  it('stays down while writes fail although producers connect, and recovers through a probe without traffic', async () => {
    const { writer, state, round } = setup();
    state.failing = true;
    await writer.connect();
    assert.equal(writer.state(), 'down');
    round();
    await settle();
    assert.equal(writer.state(), 'down', 'a fresh producer connected, and its probe failed');
    state.failing = false;
    round();
    await settle();
    assert.equal(writer.state(), 'up');
    assert.deepEqual(state.sent, [['csms.gateway.probes:3']]);
    await writer.close();
  });

  it('probes an idle node, so a cluster that stopped taking writes shows without traffic', async () => {
    const { writer, state, round, advance } = setup();
    await writer.connect();
    await writer.enqueue(connected('CP1'));
    advance(9_999);
    round();
    await settle();
    assert.equal(state.sent.length, 2, 'a write within the last 10 s: no probe');
    state.failing = true;
    advance(1);
    round();
    await settle();
    assert.equal(writer.state(), 'down', 'the idle probe found out');
    await writer.close();
  });

  it('queues a probe behind the records before it, one at a time', async () => {
    const { writer, state, round } = setup();
    state.failing = true;
    await writer.connect();
    state.failing = false;
    const records = [writer.enqueue(connected('CP1')), writer.enqueue(connected('CP2'))];
    round();
    round();
    await Promise.all(records);
    await settle();
    assert.deepEqual(state.sent, [['ocpp.inbound:CP1', 'ocpp.inbound:CP2', 'csms.gateway.probes:3']]);
    await writer.close();
  });
});
