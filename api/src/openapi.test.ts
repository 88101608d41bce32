import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from './test-app.ts';

test('/docs/json lists every route with its methods', async () => {
  const { app } = await testApp();
  const response = await app.inject({ method: 'GET', url: '/docs/json' });
  assert.equal(response.statusCode, 200);
  const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
  const expected: Record<string, string[]> = {
    '/health': ['get'],
    '/charge-points': ['get', 'post'],
    '/charge-points/{id}': ['get', 'put', 'delete'],
    '/transactions': ['get'],
    '/transactions/{id}': ['get'],
    '/connections': ['get'],
    '/connections/{chargePointId}': ['get'],
    '/id-tags': ['get', 'post'],
    '/id-tags/{idTag}': ['get', 'put', 'delete'],
  };
  for (const [path, methods] of Object.entries(expected)) {
    assert.ok(paths[path], `missing ${path}`);
    assert.deepEqual(Object.keys(paths[path]!).sort(), [...methods].sort(), path);
  }
  const ui = await app.inject({ method: 'GET', url: '/docs' });
  assert.ok(ui.statusCode < 400, `the UI is served (${ui.statusCode})`);
  await app.close();
});
