import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeDb } from './test-db.ts';
import { allReachable, as, testApp } from './test-app.ts';

interface ErrorReply { error: { code: string; message: string } }

const limits = { max: 3, anonymousMax: 2, windowSeconds: 60 };

test('each credential has its own budget; over it, 429 RATE_LIMITED with Retry-After in the error shape', async () => {
  const { app } = await testApp({ pool: fakeDb(), http: { bodyLimitBytes: 65536, rateLimit: limits, corsOrigins: [] } });
  const get = (role: 'viewer' | 'operator') => app.inject({ method: 'GET', url: '/charge-points', headers: as(role) });
  for (let i = 0; i < 3; i += 1) assert.equal((await get('viewer')).statusCode, 200);
  const limited = await get('viewer');
  assert.equal(limited.statusCode, 429);
  assert.equal(limited.json<ErrorReply>().error.code, 'RATE_LIMITED');
  assert.ok(Number(limited.headers['retry-after']) > 0);
  assert.equal((await get('operator')).statusCode, 200, 'another key is not limited by the first');
  await app.close();
});

test('requests without a valid credential count per client address, 401s included', async () => {
  const { app } = await testApp({ pool: fakeDb(), dependencies: allReachable, http: { bodyLimitBytes: 65536, rateLimit: limits, corsOrigins: [] } });
  assert.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: '/charge-points', headers: { authorization: 'Bearer guessing' } })).statusCode, 401);
  const limited = await app.inject({ method: 'GET', url: '/charge-points' });
  assert.equal(limited.statusCode, 429);
  assert.equal(limited.json<ErrorReply>().error.code, 'RATE_LIMITED');
  assert.equal((await app.inject({ method: 'GET', url: '/charge-points', headers: as('viewer') })).statusCode, 200, 'a key has its own budget');
  await app.close();
});
