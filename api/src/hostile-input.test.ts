// Every route (fastify's route table, as access control records it) driven with hostile input:
// each gets a 4xx in the error shape, never a 500, and never reaches the database (which here
// refuses every query, so reaching it would be a 500).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { as, testApp } from './test-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Probe { readonly url: string; readonly body?: string; readonly what: string }

/** A valid value per path parameter, so that only the hostile part is wrong. */
function validParam(url: string, name: string): string {
  if (url.startsWith('/transactions/')) return '1';
  return ({ action: 'Reset', idTag: 'TAG-1', chargePointId: 'CP001' } as Record<string, string>)[name] ?? (url.startsWith('/api-keys') ? 'admin-key' : 'CP001');
}

function fill(url: string, hostile?: string): string[] {
  const names = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const valid = url.replace(/:(\w+)/g, (_, name: string) => validParam(url, name));
  if (hostile === undefined) return [valid];
  return names.map((target) => url.replace(/:(\w+)/g, (_, name: string) => (name === target ? hostile : validParam(url, name))));
}

const hostilePaths = ['a%00b', 'a%01b', 'a%0Ab', '%ED%A0%80', '%E0%A4%A', '%', 'x'.repeat(300)];
const hostileQueries = ['limit=%00', 'offset=1e30', 'limit=1e9', 'offset=-1', 'q=%zz', 'q=%ED%A0%80', 'wait=1e30', 'timeout=NaN'];
const hostileBodies = [
  '{"id":"x","name":"a\\u0000b"}', '{"idTag":"x\\ud800"}', '{"name":"a","role":"viewer","x":"\\u0007"}',
  '{"type":"Soft","n":1e30}', `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, `{"a":"${'x'.repeat(70_000)}"}`,
  '{"\\u0000":1}', '{"a":', 'not json',
];

function probes(method: Method, url: string): Probe[] {
  const [valid] = fill(url);
  const list: Probe[] = [];
  for (const hostile of hostilePaths) for (const path of fill(url, hostile)) list.push({ url: path, what: `path ${hostile.slice(0, 20)}` });
  for (const query of hostileQueries) list.push({ url: `${valid}?${query}`, what: `query ${query}` });
  if (method === 'POST' || method === 'PUT') for (const body of hostileBodies) list.push({ url: valid!, body, what: `body ${body.slice(0, 40)}` });
  return list;
}

test('every route answers hostile paths, queries and bodies with a 4xx in the error shape', async () => {
  const { app, written } = await testApp();
  // The console's files read nothing but their path (console-routes.test.ts tries paths out of its folder).
  const routes = app.routeAccess.filter((r) => ['GET', 'POST', 'PUT', 'DELETE'].includes(r.method) && !r.url.startsWith('/docs') && !r.url.startsWith('/console'));
  assert.ok(routes.length >= 25, `${routes.length} routes`);
  for (const route of routes) {
    for (const probe of probes(route.method as Method, route.url)) {
      const response = await app.inject({
        method: route.method as Method, url: probe.url, headers: { ...as('admin'), ...(probe.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(probe.body === undefined ? {} : { payload: probe.body }),
      });
      const where = `${route.method} ${route.url} with ${probe.what}: ${response.statusCode} ${response.body.slice(0, 200)}`;
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, where);
      const body = response.json<{ error?: { code?: unknown; message?: unknown } }>();
      assert.equal(typeof body.error?.code, 'string', where);
      assert.equal(typeof body.error?.message, 'string', where);
    }
  }
  assert.deepEqual(written, [], 'nothing hostile was written to Kafka');
  await app.close();
});

test('the examples of the brief: a NUL in a registration, a NUL in a path, offset=1e30', async () => {
  const { app, written } = await testApp();
  const registration = await app.inject({ method: 'POST', url: '/charge-points', headers: as('admin'), payload: { id: 'x', name: 'a\u0000b' } });
  assert.equal(registration.statusCode, 400);
  assert.deepEqual(registration.json(), { error: { code: 'VALIDATION_FAILED', message: 'body/name contains a control character' } });
  const path = await app.inject({ method: 'GET', url: '/charge-points/a%00b', headers: as('viewer') });
  assert.deepEqual([path.statusCode, path.json().error.code], [400, 'VALIDATION_FAILED']);
  const offset = await app.inject({ method: 'GET', url: '/transactions?offset=1e30', headers: as('viewer') });
  assert.equal(offset.statusCode, 400);
  assert.match(offset.json().error.message, /offset/);
  const tooLarge = await app.inject({ method: 'POST', url: '/id-tags', headers: as('admin'), payload: { idTag: 'A', pad: 'x'.repeat(70_000) } });
  assert.deepEqual([tooLarge.statusCode, tooLarge.json().error.code], [413, 'PAYLOAD_TOO_LARGE']);
  const media = await app.inject({ method: 'POST', url: '/id-tags', headers: { ...as('admin'), 'content-type': 'application/xml' }, payload: '<idTag>A</idTag>' });
  assert.deepEqual([media.statusCode, media.json().error.code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
  const unknownQuery = await app.inject({ method: 'GET', url: '/charge-points/CP001?debug=1', headers: as('viewer') });
  assert.equal(unknownQuery.statusCode, 400, 'a route without query parameters refuses them');
  assert.deepEqual(written, []);
  await app.close();
});
