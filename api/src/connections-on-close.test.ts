import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { testApp } from './test-app.ts';

// With a timeout: without the mechanism close() waits about a minute, so this fails instead.
test('closing the api ends a connection that never sent a request, answers the request in flight and then ends its connection', { timeout: 20_000 }, async (t) => {
  const { app } = await testApp();
  t.after(() => app.server.closeAllConnections());
  let reached: () => void = () => undefined;
  const handling = new Promise<void>((resolve) => { reached = resolve; });
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => { release = resolve; });
  app.get('/slow', { config: { role: 'public' } }, async () => { reached(); await released; return { done: true }; });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const silent = connect(port, '127.0.0.1');
  await new Promise((resolve) => silent.once('connect', resolve));
  const silentClosed = new Promise<void>((resolve) => silent.once('close', () => resolve()));
  const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
  await handling;
  const closing = app.close();
  await silentClosed;
  release();
  const response = await inFlight;
  assert.deepEqual([response.status, response.headers.get('connection'), await response.json()], [200, 'close', { done: true }]);
  await closing;
});
