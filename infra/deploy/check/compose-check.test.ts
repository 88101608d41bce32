import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { composeProblems, csmsServices, readCompose } from './compose-check.ts';

const compose = readCompose(fileURLToPath(new URL('../compose/compose.yaml', import.meta.url)));

test('compose.yaml meets the Compose schema and every CSMS service reads what it is given', () => {
  // Every CSMS service is found (one no longer built from the Dockerfile would go unchecked, and pass).
  assert.deepEqual(csmsServices(compose).map(([name]) => name).sort(), ['api', 'gateway-0', 'gateway-1', 'processors-0', 'processors-1', 'projections']);
  assert.deepEqual(composeProblems(compose), []);
});

test('an unknown key, a wrong type and a variable no service reads are named', () => {
  const copy = structuredClone(compose) as { services: Record<string, { environment: Record<string, unknown>; [key: string]: unknown }> };
  copy.services.api!.enviroment = copy.services.api!.environment;
  copy.services.projections!.stop_grace_period = 30;
  copy.services['processors-0']!.environment.CSMS_PROCESSOR_INSTANCES = 2;
  assert.deepEqual(composeProblems(copy), [
    '/services/projections/stop_grace_period must be string',
    '/services/api/enviroment is not a field of its schema',
    'services.processors-0: sets CSMS_PROCESSOR_INSTANCES, which processors never reads',
  ]);
});
