import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import type { ApiRole } from '@csms/contracts';
import { fakeDb } from '../test-db.ts';
import { allReachable, as, testApp, tokenOf } from '../test-app.ts';
import { apiKeyDirectory } from './api-keys.ts';
import { installAccessControl } from './access-control.ts';
import { createAuthenticator } from './authentication.ts';

interface ErrorReply { error: { code: string; message: string } }
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Representative routes, one per kind of access, each with a body that passes validation. */
const routes: { method: Method; url: string; payload?: object; needs: ApiRole }[] = [
  { method: 'GET', url: '/charge-points', needs: 'viewer' },
  { method: 'GET', url: '/transactions', needs: 'viewer' },
  { method: 'POST', url: '/charge-points/CP001/commands/Reset', payload: { type: 'Soft' }, needs: 'operator' },
  { method: 'DELETE', url: '/id-tags/TAG-1', needs: 'operator' },
  { method: 'POST', url: '/charge-points', payload: { id: 'CP-NEW' }, needs: 'admin' },
  { method: 'PUT', url: '/charge-points/CP001/password', payload: { basicAuthPassword: 'correct-horse-battery' }, needs: 'admin' },
  { method: 'GET', url: '/api-keys', needs: 'admin' },
];
const rank: Record<ApiRole, number> = { viewer: 0, operator: 1, admin: 2 };

test('every route declares a role; only health, the docs and the console\'s files are public', async () => {
  const { app } = await testApp();
  assert.ok(app.routeAccess.length > 20);
  for (const { method, url, role } of app.routeAccess) {
    const isPublic = url === '/health' || url === '/docs' || url.startsWith('/docs/') || url === '/console' || url.startsWith('/console/');
    assert.equal(role === 'public', isPublic, `${method} ${url} is ${role}`);
  }
  const roleOf = (method: string, url: string) => app.routeAccess.find((r) => r.method === method && r.url === url)?.role;
  assert.equal(roleOf('GET', '/charge-points/:id/commands'), 'viewer');
  assert.equal(roleOf('POST', '/charge-points/:id/commands/:action'), 'operator');
  assert.equal(roleOf('PUT', '/id-tags/:idTag'), 'operator');
  assert.equal(roleOf('PUT', '/charge-points/:id'), 'admin');
  assert.equal(roleOf('POST', '/charge-points/:id/security-profile'), 'admin');
  assert.equal(roleOf('DELETE', '/api-keys/:id'), 'admin');
  await app.close();
});

test('a route that declares no role stops the app at start-up', async () => {
  const app = Fastify();
  installAccessControl(app, createAuthenticator({ apiKeys: apiKeyDirectory(), jwt: null }), () => {});
  assert.throws(() => app.get('/forgotten', async () => 'open'), /GET \/forgotten declares no role/);
  await app.close();
});

test('without a credential: 401 UNAUTHENTICATED with a Bearer challenge, before the body is looked at', async () => {
  const { app, written } = await testApp();
  for (const route of routes) {
    const response = await app.inject({ method: route.method, url: route.url, payload: { broken: true } });
    assert.equal(response.statusCode, 401, `${route.method} ${route.url}`);
    assert.equal(response.json<ErrorReply>().error.code, 'UNAUTHENTICATED');
    assert.equal(response.headers['www-authenticate'], 'Bearer realm="csms"');
  }
  assert.deepEqual(written, []);
  await app.close();
});

test('an unknown, revoked or malformed credential is 401 with error="invalid_token"', async () => {
  const { app, apiKeys } = await testApp();
  const revoked = apiKeys.byId('admin-key')!;
  apiKeys.apply('admin-key', { ...revoked, revokedAt: Date.now() });
  for (const authorization of ['Bearer csms_nope', `Bearer ${tokenOf('admin')}`, 'Basic YWRtaW46YWRtaW4=', 'Bearer two tokens', `Bearer ${tokenOf('viewer')}\u0000`]) {
    const response = await app.inject({ method: 'GET', url: '/charge-points', headers: { authorization } });
    assert.equal(response.statusCode, 401, authorization);
    assert.equal(response.json<ErrorReply>().error.code, 'UNAUTHENTICATED');
    assert.match(String(response.headers['www-authenticate']), /error="invalid_token"/);
  }
  await app.close();
});

test('each role reaches the routes at or below it and gets 403 FORBIDDEN above it', async () => {
  const { app } = await testApp({ pool: fakeDb() });
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    for (const route of routes) {
      const response = await app.inject({ method: route.method, url: route.url, headers: as(role), ...(route.payload ? { payload: route.payload } : {}) });
      const where = `${role} ${route.method} ${route.url}: ${response.body}`;
      if (rank[role] >= rank[route.needs]) {
        assert.ok(![401, 403].includes(response.statusCode) && response.statusCode < 500, where);
      } else {
        assert.equal(response.statusCode, 403, where);
        assert.equal(response.json<ErrorReply>().error.code, 'FORBIDDEN', where);
      }
    }
  }
  await app.close();
});

test('health and the docs need no credential; the scheme is case-insensitive', async () => {
  const { app } = await testApp({ pool: fakeDb(), dependencies: allReachable });
  assert.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode, 200);
  const lower = await app.inject({ method: 'GET', url: '/api-keys', headers: { authorization: `bearer ${tokenOf('admin')}` } });
  assert.equal(lower.statusCode, 200, lower.body);
  await app.close();
});
