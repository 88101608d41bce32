// The services' Kafka client against the real broker: a read_committed consumer gets every
// committed record of interleaved committed and aborted transactions once, and no aborted one.
// This is what keeps a processor's aborted batch out of the read models and off the sockets; the
// same check of another client is `npm run kafka-client-check -- --client <name>`.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createKafka } from '../kafka.ts';
import { createLogger } from '../logger.ts';
import { startTestEnvironment, type TestEnvironment } from '../test-env.ts';
import { abortPlan, endsSeen, tally, type ReadRecord } from './abort-plan.ts';
import { kafkajsCheck } from './kafkajs-check.ts';

const PARTITIONS = 3;
let env: TestEnvironment;

before(async () => {
  env = await startTestEnvironment();
});

after(async () => {
  await env?.stop();
});

// The timeout bounds a read that never reaches every partition's end, which fails rather than hangs the suite.
it('kafkajs delivers each committed record once and none of the aborted ones', { timeout: 120_000 }, async () => {
  const kafka = createKafka({ brokers: env.kafkaBrokers, clientId: 'kafka-check-int', logger: createLogger('kafka-check-int', 'silent') });
  const topic = `${env.topicPrefix}kafka-check`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }] });
  const client = kafkajsCheck(kafka, `${topic}-tx`);
  const plan = abortPlan(60, PARTITIONS);
  const read: ReadRecord[] = [];
  try {
    await client.write(topic, plan);
    await client.read(topic, `${topic}-reader`, (record) => {
      read.push(record);
      return endsSeen(read, PARTITIONS);
    });
  } finally {
    await client.close();
    await admin.disconnect();
  }
  const result = tally(plan, read);
  assert.ok(result.aborted > result.committed / 2, 'the plan aborted a good share of what it wrote');
  assert.deepEqual(
    { committedDelivered: result.committedDelivered, abortedDelivered: result.abortedDelivered, duplicates: result.duplicates, unknown: result.unknown },
    { committedDelivered: result.committed, abortedDelivered: 0, duplicates: 0, unknown: 0 },
  );
});
