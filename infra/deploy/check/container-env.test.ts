import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { containerEnvProblems, csmsContainers } from './container-env.ts';
import { readKustomization, readYaml, type Manifest } from './manifests.ts';

const k8s = fileURLToPath(new URL('../k8s/', import.meta.url));
const manifests = readKustomization(k8s);
const secrets = readYaml(`${k8s}secrets.example.yaml`).map((doc) => ({ file: 'secrets.example.yaml', doc }));

interface Container { env: Record<string, unknown>[] }

/** The manifests with the gateway container's env changed by `change`. */
function withGatewayEnv(change: (env: Record<string, unknown>[]) => void): Manifest[] {
  const copy = structuredClone(manifests);
  const gateway = copy.find(({ doc }) => doc.kind === 'StatefulSet')!.doc as { spec: { template: { spec: { containers: Container[] } } } };
  change(gateway.spec.template.spec.containers[0]!.env);
  return copy;
}

const where = 'csms/gateway.yaml StatefulSet/csms-gateway container gateway';

test('every variable the manifests give a CSMS container is one its service reads and accepts', () => {
  // All four services are found (a renamed image would leave nothing to check, and pass).
  assert.deepEqual(csmsContainers(manifests).map(({ container }) => container.args?.[0]).sort(), ['api', 'gateway', 'processors', 'projections']);
  assert.deepEqual(containerEnvProblems(manifests, secrets), []);
});

test('a variable the service never reads is named, wherever it comes from', () => {
  const copy = withGatewayEnv((env) => env.push({ name: 'CSMS_GATEWAY_PROT', value: '4000' }));
  const platform = copy.find(({ doc }) => doc.kind === 'ConfigMap')!.doc as { data: Record<string, string> };
  platform.data.KAFKA_BROKER = 'kafka:9092';
  assert.deepEqual(containerEnvProblems(copy, secrets).filter((p) => p.startsWith(where)), [
    `${where}: sets KAFKA_BROKER, which gateway never reads`,
    `${where}: sets CSMS_GATEWAY_PROT, which gateway never reads`,
  ]);
});

test('a value the service refuses is named with its reason', () => {
  const copy = withGatewayEnv((env) => env.push({ name: 'CSMS_UNKNOWN_STATION_POLICY', value: 'rejekt' }));
  assert.deepEqual(containerEnvProblems(copy, secrets), [
    `${where}: gateway refuses its configuration: invalid configuration: CSMS_UNKNOWN_STATION_POLICY: expected one of accept, pending, reject, got "rejekt"`,
  ]);
});

test('a Secret or a key missing from secrets.example.yaml is named', () => {
  const copy = withGatewayEnv((env) => env.push(
    { name: 'CSMS_AUTH_LOCKOUT_SECONDS', valueFrom: { secretKeyRef: { name: 'csms-api', key: 'LOCKOUT' } } },
    { name: 'CSMS_AUTH_HASH_QUEUE', valueFrom: { configMapKeyRef: { name: 'csms-limits', key: 'QUEUE' } } },
  ));
  assert.deepEqual(containerEnvProblems(copy, secrets), [
    `${where}: CSMS_AUTH_LOCKOUT_SECONDS: Secret csms-api has no key LOCKOUT`,
    `${where}: takes from ConfigMap csms-limits, which the manifests do not define`,
  ]);
});
