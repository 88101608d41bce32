import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeDb } from './test-db.ts';
import { as, testApp } from './test-app.ts';

const origin = 'https://ops.example.com';

test('CORS is off by default: no Access-Control headers, no preflight route', async () => {
  const { app } = await testApp({ pool: fakeDb() });
  const response = await app.inject({ method: 'GET', url: '/charge-points', headers: { ...as('viewer'), origin } });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['access-control-allow-origin'], undefined);
  const preflight = await app.inject({ method: 'OPTIONS', url: '/charge-points', headers: { origin, 'access-control-request-method': 'GET' } });
  assert.equal(preflight.statusCode, 404);
  assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  await app.close();
});

test('with CSMS_API_CORS_ORIGINS, the listed origins get CORS headers and preflights are answered', async () => {
  const { app } = await testApp({ pool: fakeDb(), http: { bodyLimitBytes: 65536, rateLimit: { max: 100, anonymousMax: 100, windowSeconds: 60 }, corsOrigins: [origin] } });
  const response = await app.inject({ method: 'GET', url: '/charge-points', headers: { ...as('viewer'), origin } });
  assert.equal(response.headers['access-control-allow-origin'], origin);
  const preflight = await app.inject({
    method: 'OPTIONS', url: '/charge-points', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });
  assert.equal(preflight.statusCode, 204);
  assert.match(String(preflight.headers['access-control-allow-headers']), /authorization/);
  const other = await app.inject({ method: 'GET', url: '/charge-points', headers: { ...as('viewer'), origin: 'https://evil.example.com' } });
  assert.equal(other.headers['access-control-allow-origin'], undefined);
  await app.close();
});
