import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, createApiClient, withQuery } from './client.ts';

function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}): typeof fetch {
  return async (url, init) => {
    seen.url = String(url);
    seen.init = init;
    return new Response(status === 204 ? null : JSON.stringify(body), { status });
  };
}

describe('createApiClient', () => {
  it('sends the bearer token and the query, leaving out empty values', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const api = createApiClient({ token: 't0k', fetch: fakeFetch(200, { ok: 1 }, seen), onUnauthorized: () => {} });
    assert.deepEqual(await api.get('/fleet', { search: '', limit: 50, connected: true }), { ok: 1 });
    assert.equal(seen.url, '/fleet?limit=50&connected=true');
    assert.equal((seen.init?.headers as Record<string, string>).authorization, 'Bearer t0k');
  });

  it("turns the api's error body into an ApiError with its problems", async () => {
    const body = { error: { code: 'VALIDATION_FAILED', message: 'bad', problems: [{ path: '/connectorId', code: 'maximum', message: 'must be <= 100' }] } };
    const api = createApiClient({ token: 't', fetch: fakeFetch(400, body), onUnauthorized: () => {} });
    await assert.rejects(api.send('POST', '/x', {}), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(error.problems, [{ path: '/connectorId', code: 'maximum', message: 'must be <= 100' }]);
      return true;
    });
  });

  it('reports a 401 to onUnauthorized', async () => {
    const seen: ApiError[] = [];
    const api = createApiClient({ token: 't', fetch: fakeFetch(401, { error: { code: 'UNAUTHORIZED', message: 'no' } }), onUnauthorized: (e) => seen.push(e) });
    await assert.rejects(api.get('/me'));
    assert.equal(seen[0]?.code, 'UNAUTHORIZED');
  });
});

it('withQuery encodes values', () => {
  assert.equal(withQuery('/a', { search: 'a b&c' }), '/a?search=a+b%26c');
  assert.equal(withQuery('/a'), '/a');
});
