// The gateway's Kafka writer against the real broker: a burst of large frames never makes a
// request the broker refuses, and a write the broker does refuse costs only the records in it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kafka } from 'kafkajs';
import { createSerde, topicName, type InboundFrame, type Serde } from '@csms/contracts';
import { createKafka, createLogger, ensureTopics } from '@csms/infra';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { createKafkaWriter, type KafkaWriter } from './kafka-writer.ts';
import { createMetrics } from './metrics.ts';
import { systemRepeat } from './timers.ts';

/** The test's ocpp.inbound refuses batches over this, as a broker with a smaller message.max.bytes would. */
const TOPIC_MAX_BYTES = 300_000;

let env: TestEnvironment;
let kafka: Kafka;
let serde: Serde;
const writers: KafkaWriter[] = [];
const logger = createLogger('gateway-writer-int', 'warn');

function frame(chargePointId: string, n: number, bytes: number): InboundFrame {
  return {
    type: 'Frame', chargePointId, node: 0, connectionId: `c-${chargePointId}`, at: Date.now(), protocol: 'ocpp1.6',
    raw: 'x'.repeat(bytes), messageTypeId: 2, messageId: String(n), action: 'DataTransfer', payload: null,
    rejection: { errorCode: 'FormationViolation', description: 'test' }, repliedByGateway: false, rawTruncated: null,
  };
}

function writer(maxBatchBytes: number): KafkaWriter {
  const created = createKafkaWriter({
    kafka, serde, topicPrefix: env.topicPrefix, node: 5, maxBatchSize: 500, maxBatchBytes, metrics: createMetrics({ defaultMetrics: false }),
    logger, clock: Date.now, repeat: systemRepeat, probeCheckMs: 200, idleProbeMs: 10_000,
  });
  writers.push(created);
  return created;
}

async function endOffset(topic: 'inbound' | 'gatewayProbes' = 'inbound'): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topicName(topic, env.topicPrefix));
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

async function until(what: string, probe: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!await probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('gateway kafka writer', () => {
  before(async () => {
    env = await startTestEnvironment();
    kafka = createKafka({ brokers: env.kafkaBrokers, clientId: `${env.topicPrefix}writer-int`, logger });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: topicName('inbound', env.topicPrefix), numPartitions: 12, configEntries: [{ name: 'max.message.bytes', value: String(TOPIC_MAX_BYTES) }] }],
    });
    await admin.disconnect();
    await ensureTopics(kafka, env.topicPrefix);
    serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
  });
  after(async () => {
    for (const w of writers) await w.close().catch(() => {});
    await env?.stop();
  });

  it('writes a burst of 40 frames of 64 KB from one station without a request the broker refuses', async () => {
    const w = writer(TOPIC_MAX_BYTES - 20_000);
    await w.connect();
    const before = await endOffset();
    await Promise.all(Array.from({ length: 40 }, (_, n) => w.enqueue(frame('CP-BURST', n, 65_500))));
    assert.equal(await endOffset() - before, 40);
    assert.equal(w.state(), 'up');
  });

  it('after a request the broker refused, replaces its producer: later writes succeed and health recovers', async () => {
    // Too generous a cap for this topic: the first burst is refused as MESSAGE_TOO_LARGE.
    const w = writer(TOPIC_MAX_BYTES * 3);
    await w.connect();
    // One request: a batch too large for CP-BIG's partition, and small ones the broker takes for
    // other partitions; kafkajs then rolls back the sequence numbers of all of them.
    const burst = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, n) => w.enqueue(frame('CP-BIG', n, 60_000))),
      ...['CP-1', 'CP-2', 'CP-3'].map((id, n) => w.enqueue(frame(id, n, 100))),
    ]);
    assert.ok(burst.some((r) => r.status === 'rejected'), 'the broker refused the oversized request');
    assert.equal(w.state(), 'down');
    const before = await endOffset();
    // Other stations, and the same one, are written again: no OUT_OF_ORDER_SEQUENCE_NUMBER from now on.
    await Promise.all(['CP-1', 'CP-2', 'CP-3', 'CP-BIG'].map((id, n) => w.enqueue(frame(id, n, 100))));
    assert.equal(await endOffset() - before, 4);
    assert.equal(w.state(), 'up');
  });

  it('is up once its first probe is written, and after a refused request recovers through probes alone', async () => {
    const probesBefore = await endOffset('gatewayProbes');
    const w = writer(TOPIC_MAX_BYTES * 3);
    await w.connect();
    assert.equal(w.state(), 'up');
    assert.equal(await endOffset('gatewayProbes') - probesBefore, 1, 'the probe is on csms.gateway.probes');
    await Promise.allSettled(Array.from({ length: 10 }, (_, n) => w.enqueue(frame('CP-BIG2', n, 60_000))));
    assert.equal(w.state(), 'down');
    // No record is written from here on: only the writer's own probes can bring it back.
    await until('the writer up again', () => w.state() === 'up');
    assert.ok(await endOffset('gatewayProbes') - probesBefore >= 2);
  });
});
