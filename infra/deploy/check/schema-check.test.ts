import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readKustomization, readYaml, type Manifest } from './manifests.ts';
import { schemaProblems } from './schema-check.ts';

const k8s = fileURLToPath(new URL('../k8s/', import.meta.url));
// secrets.example.yaml is kept out of the kustomization on purpose, but is applied all the same.
const manifests = [...readKustomization(k8s), ...readYaml(`${k8s}secrets.example.yaml`).map((doc) => ({ file: 'secrets.example.yaml', doc }))];

function one(kind: string): Record<string, unknown> {
  const found = manifests.find((manifest: Manifest) => manifest.doc.kind === kind);
  assert.ok(found, `no ${kind} in the manifests`);
  return structuredClone(found.doc);
}

test('every document of the kustomization and of secrets.example.yaml meets its schema', async () => {
  const kinds = new Set(manifests.map(({ doc }) => `${String(doc.apiVersion)} ${String(doc.kind)}`));
  // Each kind the manifests use, so a document that slipped out of the kustomization shows here.
  assert.deepEqual([...kinds].sort(), [
    'apps/v1 Deployment', 'apps/v1 StatefulSet', 'kafka.strimzi.io/v1 Kafka', 'kafka.strimzi.io/v1 KafkaNodePool',
    'kafka.strimzi.io/v1 KafkaTopic', 'policy/v1 PodDisruptionBudget', 'v1 ConfigMap', 'v1 Namespace', 'v1 Secret', 'v1 Service',
  ]);
  const problems = [];
  for (const { file, doc } of manifests) {
    const where = `${file} ${String(doc.kind)}/${(doc.metadata as { name?: string } | undefined)?.name}`;
    problems.push(...(await schemaProblems(doc)).map((problem) => `${where}: ${problem}`));
  }
  assert.deepEqual(problems, []);
});

test('a built-in kind with a wrong type and unknown fields fails, each named by its pointer', async () => {
  const gateway = one('StatefulSet') as {
    metadata: Record<string, unknown>;
    spec: { replicas: unknown; template: { spec: { containers: { envFrom: { configMapRef: Record<string, unknown> }[] }[] } } };
  };
  gateway.spec.replicas = '2';
  gateway.metadata.label = { app: 'csms' };
  gateway.spec.template.spec.containers[0]!.envFrom[0]!.configMapRef.nmae = 'csms-platform';
  assert.deepEqual(await schemaProblems(gateway), [
    '/spec/replicas must be integer',
    '/metadata/label is not a field of its schema',
    '/spec/template/spec/containers/0/envFrom/0/configMapRef/nmae is not a field of its schema',
  ]);
});

test('a Strimzi resource with a wrong type, an unknown field or a value out of its enum fails', async () => {
  const topic = one('KafkaTopic') as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
  topic.spec.partitions = '12';
  topic.spec.replicationFactor = 3;
  topic.metadata.annotation = {};
  assert.deepEqual(await schemaProblems(topic), [
    '/spec/replicationFactor is not a field of its schema',
    '/spec/partitions must be integer',
    '/metadata/annotation is not a field of its schema',
  ]);
  const kafka = one('Kafka') as { spec: { kafka: { listeners: Record<string, unknown>[] } } };
  kafka.spec.kafka.listeners[0]!.type = 'intenal';
  assert.deepEqual(await schemaProblems(kafka), [
    '/spec/kafka/listeners/0/type must be equal to one of the allowed values: internal, route, tlsroute, loadbalancer, nodeport, ingress, cluster-ip',
  ]);
});

test('a free-form field of a Strimzi schema (x-kubernetes-preserve-unknown-fields) takes any key', async () => {
  const topic = one('KafkaTopic') as { spec: { config: Record<string, unknown> } };
  topic.spec.config['message.timestamp.type'] = 'LogAppendTime';
  assert.deepEqual(await schemaProblems(topic), []);
});

test('a kind with no schema is a problem, not a pass', async () => {
  assert.deepEqual(await schemaProblems({ apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaUser', metadata: { name: 'u' } }), [
    'no schema for kafka.strimzi.io/v1 KafkaUser: not a Kubernetes kind, nor a CRD kept in infra/deploy/k8s/schemas',
  ]);
});
