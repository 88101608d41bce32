// The lag sampler against the real broker: a group that committed part of a partition shows
// the rest as its lag, and a partition it never committed shows all it holds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Admin, Kafka } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';
import { groupOffsets, sampleConsumerLag } from './consumer-lag.ts';
import { createKafka } from './kafka.ts';
import { createLogger } from './logger.ts';
import { startTestEnvironment, type TestEnvironment } from './test-env.ts';

describe('consumer lag against Kafka', () => {
  let env: TestEnvironment;
  let kafka: Kafka;
  let admin: Admin;
  const logger = createLogger('consumer-lag-int', 'silent');
  before(async () => {
    env = await startTestEnvironment();
    kafka = createKafka({ brokers: env.kafkaBrokers, clientId: 'consumer-lag-int', logger });
    admin = kafka.admin();
    await admin.connect();
  });
  after(async () => {
    await admin?.disconnect();
    await env?.stop();
  });

  it('is the partition end minus the group\'s committed offset, or everything when nothing was committed', async () => {
    const topic = `${env.topicPrefix}lag`;
    const groupId = `${env.topicPrefix}lag-group`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `r${i}` })) });
    await producer.send({ topic, messages: Array.from({ length: 3 }, (_, i) => ({ partition: 1, value: `s${i}` })) });
    await producer.disconnect();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '4' }] });

    const gauge = new Gauge({ name: 'lag', help: 'lag', labelNames: ['topic', 'partition'] as const, registers: [new Registry()] });
    const lag = sampleConsumerLag({
      admin, gauge, logger, everyMs: 3_600_000, source: { held: () => new Map([[topic, [0, 1]]]), committed: groupOffsets(admin, groupId) },
    });
    await lag.sample();
    lag.stop();
    const values = (await gauge.get()).values.map((v) => [v.labels.partition, v.value]).sort();
    assert.deepEqual(values, [['0', 6], ['1', 3]]);
  });
});
