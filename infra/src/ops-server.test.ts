import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createOpsServer } from './ops-server.ts';

let healthy = true;
let problems: string[] = [];
let unreachable: string[] = [];
const server = createOpsServer({ registry: new Registry(), healthy: () => healthy, problems: () => problems, unreachable: () => unreachable });
let base = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

async function health(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}/health`);
  return { status: response.status, body: await response.json() };
}

describe('the operations endpoint', () => {
  it('answers ok while the service is healthy and has no problem', async () => {
    [healthy, problems] = [true, []];
    assert.deepEqual(await health(), { status: 200, body: { status: 'ok' } });
  });

  it('answers 503 and lists the problems while any stands, though the service runs', async () => {
    [healthy, problems] = [true, ['transactions: ahead of csms.sessions (partitions 3)']];
    assert.deepEqual(await health(), { status: 503, body: { status: 'unavailable', problems: ['transactions: ahead of csms.sessions (partitions 3)'] } });
  });

  it('answers 503 and names what the service cannot reach', async () => {
    [healthy, problems, unreachable] = [true, [], ['kafka', 'postgres']];
    assert.deepEqual(await health(), { status: 503, body: { status: 'unavailable', unreachable: ['kafka', 'postgres'] } });
    unreachable = [];
  });

  it('answers 503 while starting or stopping', async () => {
    [healthy, problems] = [false, []];
    assert.deepEqual(await health(), { status: 503, body: { status: 'unavailable' } });
  });

  it('serves nothing else', async () => {
    assert.equal((await fetch(`${base}/`)).status, 404);
  });
});
