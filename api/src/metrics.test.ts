import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApiMetrics } from './metrics.ts';
import { as, testApp } from './test-app.ts';

/** One sample's value from the registry's text, by its name and exact label set; undefined when the series is absent. */
async function sample(metrics: ReturnType<typeof createApiMetrics>, series: string): Promise<number | undefined> {
  const line = (await metrics.registry.metrics()).split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('each reply is counted under its route template and status, and timed', async () => {
  const metrics = createApiMetrics({ defaultMetrics: false });
  const { app } = await testApp({ metrics });
  await app.inject({ method: 'GET', url: '/health' });
  await app.inject({ method: 'GET', url: '/health' });
  await app.inject({ method: 'GET', url: '/charge-points/CP-1', headers: as('viewer') });
  await app.inject({ method: 'GET', url: '/no/such/path/CP-7' });
  // The test app's database is unreachable: its health says so.
  assert.equal(await sample(metrics, 'csms_api_requests_total{method="GET",route="/health",status="503"}'), 2);
  assert.equal(await sample(metrics, 'csms_api_request_seconds_count{method="GET",route="/health"}'), 2);
  const text = await metrics.registry.metrics();
  assert.match(text, /csms_api_requests_total\{method="GET",route="\/charge-points\/:id",status="\d{3}"\} 1/);
  assert.match(text, /csms_api_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
  assert.doesNotMatch(text, /CP-1|CP-7/, 'no station id, no path asked for, in any label');
  await app.close();
});

test('every refusal of access control is counted by its reason, each reason from zero', async () => {
  const metrics = createApiMetrics({ defaultMetrics: false });
  for (const reason of ['missing', 'refused', 'unavailable', 'forbidden']) {
    assert.equal(await sample(metrics, `csms_api_auth_failures_total{reason="${reason}"}`), 0);
  }
  const { app } = await testApp({ metrics });
  await app.inject({ method: 'GET', url: '/charge-points' });
  await app.inject({ method: 'GET', url: '/charge-points', headers: { authorization: 'Bearer not-a-key-of-ours-0123456789abcdefghijklmnop' } });
  await app.inject({ method: 'DELETE', url: '/api-keys/some-key', headers: as('viewer') });
  await app.inject({ method: 'GET', url: '/charge-points', headers: as('viewer') });
  assert.equal(await sample(metrics, 'csms_api_auth_failures_total{reason="missing"}'), 1);
  assert.equal(await sample(metrics, 'csms_api_auth_failures_total{reason="refused"}'), 1);
  assert.equal(await sample(metrics, 'csms_api_auth_failures_total{reason="forbidden"}'), 1);
  assert.equal(await sample(metrics, 'csms_api_auth_failures_total{reason="unavailable"}'), 0);
  assert.equal(await sample(metrics, 'csms_api_requests_total{method="GET",route="/charge-points",status="401"}'), 2);
  await app.close();
});
