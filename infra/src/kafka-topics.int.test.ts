// The topics the system creates, as the real broker holds them: partitions, cleanup policy, the
// segment bounds that let compaction run, and the disk caps of the others.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import kafkajs, { type Admin } from 'kafkajs';
import { topicName, topics } from '@csms/contracts';
import { COMPACTED_SEGMENT, createKafka, ensureTopics } from './kafka.ts';
import { createLogger } from './logger.ts';
import { startTestEnvironment, type TestEnvironment } from './test-env.ts';

let env: TestEnvironment;
let admin: Admin;

before(async () => {
  env = await startTestEnvironment();
  const kafka = createKafka({ brokers: env.kafkaBrokers, clientId: 'topics-int', logger: createLogger('topics-int') });
  await ensureTopics(kafka, env.topicPrefix, ['snapshots', 'stations']);
  admin = kafka.admin();
  await admin.connect();
});

after(async () => {
  await admin?.disconnect();
  await env?.stop();
});

async function configOf(topic: 'snapshots' | 'stations'): Promise<Map<string, string>> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false, resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topicName(topic, env.topicPrefix) }],
  });
  return new Map(resources[0]!.configEntries.map((entry) => [entry.configName, entry.configValue]));
}

describe('ensureTopics on the broker', () => {
  it('closes a compacted topic\'s segments hourly or at 64 MiB, so that compaction keeps it to about an hour of versions', async () => {
    const config = await configOf('snapshots');
    assert.equal(config.get('cleanup.policy'), 'compact');
    assert.equal(config.get('segment.ms'), String(COMPACTED_SEGMENT.ms));
    assert.equal(config.get('segment.bytes'), String(COMPACTED_SEGMENT.bytes));
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topicName('snapshots', env.topicPrefix)] })).topics;
    assert.equal(metadata!.partitions.length, topics.snapshots.partitions);
  });

  it('caps a history topic by time and size, and leaves its segments at the broker\'s default', async () => {
    const config = await configOf('stations');
    const retention = topics.stations.retention!;
    assert.equal(config.get('cleanup.policy'), 'delete');
    assert.equal(config.get('retention.ms'), String(retention.ms));
    assert.equal(config.get('retention.bytes'), String(retention.bytesPerPartition));
    assert.notEqual(config.get('segment.ms'), String(COMPACTED_SEGMENT.ms));
  });
});
