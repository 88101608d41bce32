// The Strimzi KafkaTopic manifests are written by hand from contracts/src/topics.ts (the services'
// ensureTopics creates nothing on a cluster whose topic operator owns the topics): one per topic,
// with its partitions and the configuration topicConfig gives it, so a topic added to contracts
// without its manifest fails here rather than on a cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { topics, type TopicName } from '@csms/contracts';
import { topicConfig } from '../../src/kafka.ts';
import { readYaml } from './manifests.ts';

const topicsYaml = fileURLToPath(new URL('../k8s/kafka/topics.yaml', import.meta.url));

interface KafkaTopic { kind: string; metadata: { name: string }; spec: { topicName: string; partitions: number; config?: Record<string, unknown> } }

test('every topic of contracts has its KafkaTopic, with its partitions and configuration, and no other is declared', () => {
  const declared = new Map((readYaml(topicsYaml) as unknown as KafkaTopic[]).filter((doc) => doc.kind === 'KafkaTopic').map((doc) => [doc.spec.topicName, doc]));
  for (const name of Object.keys(topics) as TopicName[]) {
    const spec = topics[name];
    const manifest = declared.get(spec.name);
    assert.ok(manifest, `no KafkaTopic for ${spec.name} in infra/deploy/k8s/kafka/topics.yaml`);
    assert.equal(manifest.metadata.name, spec.name);
    assert.equal(manifest.spec.partitions, spec.partitions, spec.name);
    const config = Object.fromEntries(Object.entries(manifest.spec.config ?? {}).map(([key, value]) => [key, String(value)]));
    assert.deepEqual(config, Object.fromEntries(topicConfig(name).map((entry) => [entry.name, entry.value])), spec.name);
  }
  assert.deepEqual([...declared.keys()].sort(), Object.values(topics).map((spec) => spec.name).sort());
});
