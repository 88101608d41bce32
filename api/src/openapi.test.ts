import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ocpp16Table, ocpp201Table } from '@csms/contracts';
import { COMMAND_ACTIONS } from './command-actions.ts';
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
    '/charge-points/{id}/commands/{action}': ['post'],
    '/charge-points/{id}/commands': ['get'],
    '/commands/{id}': ['get'],
    '/charge-points/{id}/configuration': ['get'],
    '/charge-points/{id}/reservations': ['get'],
    '/reservations': ['get'],
    '/charge-points/{id}/local-list': ['get'],
    '/charge-points/{id}/charging-profiles': ['get'],
    '/charge-points/{id}/composite-schedules': ['get'],
    '/charge-points/{id}/variables': ['get'],
    '/dead-letters': ['get'],
    '/dead-letters/{id}/redrive': ['post'],
    '/charge-points/{id}/security-events': ['get'],
    '/security-events': ['get'],
    '/charge-points/{id}/password': ['put'],
    '/charge-points/{id}/security-profile': ['post'],
    '/tariffs': ['get', 'post'],
    '/tariffs/{id}': ['get'],
    '/tariffs/{id}/versions': ['post'],
    '/tariffs/{id}/ocpi': ['get'],
    '/tariffs/ocpi': ['post'],
    '/tariff-assignments': ['get', 'put'],
    '/tariff-assignments/{key}': ['delete'],
    '/cdrs': ['get'],
    '/cdrs/{id}': ['get'],
    '/cdrs/export': ['get'],
    '/cdrs/credits': ['get'],
    '/rerates': ['get', 'post'],
    '/rerates/{id}': ['get'],
    '/statements': ['get'],
    '/transactions/{id}/cost': ['get'],
    '/api-keys': ['get', 'post'],
    '/api-keys/{id}': ['delete'],
    '/me': ['get'],
    '/fleet': ['get'],
    '/ocpp-schemas/{version}': ['get'],
    '/live': ['get'],
  };
  for (const [path, methods] of Object.entries(expected)) {
    assert.ok(paths[path], `missing ${path}`);
    assert.deepEqual(Object.keys(paths[path]!).sort(), [...methods].sort(), path);
  }
  assert.deepEqual(Object.keys(paths).sort(), Object.keys(expected).sort(), 'no route left out of the list above');
  const ui = await app.inject({ method: 'GET', url: '/docs' });
  assert.ok(ui.statusCode < 400, `the UI is served (${ui.statusCode})`);
  await app.close();
});

test('the command route documents every action, its example body and the body as the OCPP request', async () => {
  const { app } = await testApp();
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
  const post = doc.paths['/charge-points/{id}/commands/{action}']!.post!;
  const action = post.parameters.find((p) => p.name === 'action');
  assert.deepEqual(action?.schema.enum, [...COMMAND_ACTIONS]);
  assert.deepEqual(new Set(COMMAND_ACTIONS), new Set([...Object.keys(ocpp16Table.csmsCalls), ...Object.keys(ocpp201Table.csmsCalls)]), 'the commands of 1.6 and 2.0.1');
  const [v16, v201] = post.description.split('OCPP 2.0.1:\n');
  for (const name of Object.keys(ocpp16Table.csmsCalls)) assert.ok(v16!.includes(`\`${name}\`: \`{`), `${name} has a 1.6 example`);
  for (const name of Object.keys(ocpp201Table.csmsCalls)) assert.ok(v201!.includes(`\`${name}\`: \`{`), `${name} has a 2.0.1 example`);
  assert.match(post.requestBody.description, /OCPP 1\.6 request/);
  await app.close();
});

test('the document declares the bearer scheme, every operation but health needs it and documents 401, 403 and 429', async () => {
  const { app } = await testApp();
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
    components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
  }>();
  assert.deepEqual({ ...doc.components.securitySchemes.bearerAuth, description: undefined }, { type: 'http', scheme: 'bearer', description: undefined });
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const where = `${method} ${path}`;
      assert.ok(operation.responses['429'], `${where} documents 429`);
      if (path === '/health') {
        assert.deepEqual(operation.security, [], `${where} is public`);
        continue;
      }
      assert.deepEqual(operation.security, [{ bearerAuth: [] }], `${where} needs the bearer scheme`);
      assert.ok(operation.responses['401'] && operation.responses['403'], `${where} documents 401 and 403`);
    }
  }
  await app.close();
});

interface Operation {
  description: string;
  parameters: { name: string; schema: { enum?: string[] } }[];
  requestBody: { description: string };
}

test('every billing operation documents examples: its body or parameters, and its answer', async () => {
  const { app } = await testApp();
  interface Media { example?: unknown; examples?: unknown }
  interface BillingOperation {
    parameters?: (Media & { in: string })[];
    requestBody?: { content: Record<string, Media> };
    responses: Record<string, { content?: Record<string, Media> }>;
  }
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, BillingOperation>> }>();
  const has = (media: Media | undefined): boolean => media !== undefined && (media.example !== undefined || media.examples !== undefined);
  const billing = Object.entries(doc.paths).filter(([path]) => /^\/(tariffs|tariff-assignments|cdrs|rerates|statements)|\/cost$/.test(path));
  assert.ok(billing.length >= 13);
  for (const [path, operations] of billing) {
    for (const [method, operation] of Object.entries(operations)) {
      const where = `${method} ${path}`;
      const input = has(operation.requestBody?.content['application/json']) || (operation.parameters ?? []).some(has);
      // Lists that take only paging need no example.
      assert.ok(input || (method === 'get' && (path === '/tariffs' || path === '/rerates')), `${where}: an example of what it takes`);
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2') && status !== '204' && status !== '202');
      for (const [status, response] of success) {
        assert.ok(Object.values(response.content ?? {}).some(has), `${where} ${status}: an example answer`);
      }
    }
  }
  await app.close();
});
