// The routes the web console reads: /me, /ocpp-schemas, /live, the console's files, and the
// form-friendly problems of a refused command.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { sseFrame } from './live/live-event.ts';
import { createLiveHub, type LiveHub } from './live/live-hub.ts';
import { as, followingHub, testApp } from './test-app.ts';

test('GET /me names the credential and its role', async () => {
  const { app } = await testApp();
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    const response = await app.inject({ url: '/me', headers: as(role) });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { id: `key:${role}-key`, role });
  }
  assert.equal((await app.inject({ url: '/me' })).statusCode, 401);
});

test('GET /ocpp-schemas/{version} lists the commands of that version with their official request schema', async () => {
  const { app } = await testApp();
  const v16 = (await app.inject({ url: '/ocpp-schemas/ocpp1.6', headers: as('viewer') })).json();
  const reset16 = v16.commands.find((command: { action: string }) => command.action === 'Reset');
  assert.deepEqual(reset16.schema.properties.type.enum, ['Hard', 'Soft']);
  assert.deepEqual(reset16.schema.required, ['type']);
  const actions16 = v16.commands.map((command: { action: string }) => command.action);
  assert.ok(actions16.includes('RemoteStartTransaction') && !actions16.includes('RequestStartTransaction'));
  const v201 = (await app.inject({ url: '/ocpp-schemas/ocpp2.0.1', headers: as('viewer') })).json();
  const actions201 = v201.commands.map((command: { action: string }) => command.action);
  assert.ok(actions201.includes('RequestStartTransaction') && !actions201.includes('RemoteStartTransaction'));
  const start = v201.commands.find((command: { action: string }) => command.action === 'RequestStartTransaction');
  assert.ok(start.schema.definitions.IdTokenType, '2.0.1 schemas keep their definitions for $ref');
  assert.equal((await app.inject({ url: '/ocpp-schemas/ocpp9', headers: as('viewer') })).statusCode, 400);
});

test('a refused command body names the field and the keyword, for a form to show beside it', async () => {
  const { app } = await testApp();
  const wrong = await app.inject({ method: 'POST', url: '/charge-points/CP1/commands/Reset', headers: as('operator'), payload: { type: 'Bogus' } });
  assert.equal(wrong.statusCode, 400);
  const [problem] = wrong.json().error.problems;
  assert.equal(problem.path, '/type');
  assert.equal(problem.code, 'enum');
  assert.match(problem.message, /Hard|Soft|allowed/);
  const missing = await app.inject({ method: 'POST', url: '/charge-points/CP1/commands/Reset', headers: as('operator'), payload: {} });
  assert.deepEqual(missing.json().error.problems.map(({ path, code }: { path: string; code: string }) => ({ path, code })), [{ path: '/type', code: 'required' }]);
});

/** Reads a live stream until `count` data events came, as the console does. */
async function readEvents(response: Response, count: number): Promise<{ ready: boolean; events: unknown[] }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: unknown[] = [];
  let ready = false;
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      if (block.startsWith('event: ready')) ready = true;
      else if (block.startsWith('data: ')) events.push(JSON.parse(block.slice('data: '.length)));
    }
    if (ready && count === 0) break;
  }
  await reader.cancel();
  return { ready, events };
}

/** The test app listening on a free port, with `hub` behind its /live; its base URL. */
async function listening(t: TestContext, hub: LiveHub, maxStreams: number): Promise<string> {
  const { app } = await testApp({ live: { hub, maxStreams, keepAliveMs: 60_000 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => app.close());
  const address = app.server.address();
  assert.ok(address !== null && typeof address === 'object');
  return `http://127.0.0.1:${address.port}`;
}

test('GET /live streams the events of the topics and station asked for, and refuses streams past the limit', async (t) => {
  const hub = followingHub();
  const base = await listening(t, hub, 1);

  assert.equal((await fetch(`${base}/live`)).status, 401);
  const response = await fetch(`${base}/live?topics=commands&chargePointId=CP1`, { headers: as('viewer') });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  while (hub.size === 0) await new Promise((resolve) => setImmediate(resolve));
  const second = await fetch(`${base}/live`, { headers: as('viewer') });
  assert.equal(second.status, 429);

  const reading = readEvents(response, 1);
  hub.publish({ topic: 'stations', type: 'StationConnected', chargePointId: 'CP1', at: 'x' });
  hub.publish({ topic: 'commands', type: 'CommandSent', chargePointId: 'CP2', at: 'x' });
  hub.publish({ topic: 'commands', type: 'CommandSent', chargePointId: 'CP1', at: 'x', status: 'Sent' });
  const { ready, events } = await reading;
  assert.ok(ready);
  assert.deepEqual(events, [{ topic: 'commands', type: 'CommandSent', chargePointId: 'CP1', at: 'x', status: 'Sent' }]);
  while (hub.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
});

test('the console says how to build it when the api has no build', async () => {
  const { app } = await testApp();
  const response = await app.inject({ url: '/console/' });
  assert.equal(response.statusCode, 503);
  assert.equal(response.json().error.code, 'CONSOLE_NOT_BUILT');
  assert.equal((await app.inject({ url: '/console' })).headers.location, '/console/');
});

test('the console\'s page and assets are served publicly; index.html is never cached, assets for good', async () => {
  const root = await mkdtemp(join(tmpdir(), 'console-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>CSMS</title>');
  await writeFile(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  const { app } = await testApp({ console: { root } });
  const page = await app.inject({ url: '/console/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<title>CSMS<\/title>/);
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.match(page.headers['content-security-policy'] as string, /default-src 'self'/);
  assert.equal((await app.inject({ url: '/console/stations' })).body, page.body);
  const asset = await app.inject({ url: '/console/assets/app-1a2b.js' });
  assert.equal(asset.statusCode, 200);
  assert.match(asset.headers['cache-control'] as string, /immutable/);
  assert.equal((await app.inject({ url: '/console/assets/missing.js' })).statusCode, 404);
  const outside = await app.inject({ url: '/console/assets/..%2f..%2fetc/passwd' });
  assert.equal(outside.statusCode, 400);
  assert.doesNotMatch(outside.body, /root:/);
});

test('a live stream is ready only once the feed follows its topics', async (t) => {
  const hub = createLiveHub();
  const response = await fetch(`${await listening(t, hub, 2)}/live`, { headers: as('viewer') });
  while (hub.size === 0) await new Promise((resolve) => setImmediate(resolve));
  // Written while the feed is not yet following: had `ready` gone out at once, it would come first.
  hub.publish({ topic: 'stations', type: 'StationConnected', chargePointId: 'CP1', at: 'x' });
  hub.setFollowing(true);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while ((text.match(/\n\n/g) ?? []).length < 2) text += decoder.decode((await reader.read()).value, { stream: true });
  await reader.cancel();
  const [first, second] = text.split('\n\n');
  assert.match(first!, /^data: \{"topic":"stations"/);
  assert.equal(second, 'event: ready\ndata: {}');
});

// Each with a timeout: without its mechanism the test would wait for ever, not fail.
test('a live stream that falls 1 MiB behind is closed and frees its place', { timeout: 60_000 }, async (t) => {
  const hub = followingHub();
  const base = new URL(await listening(t, hub, 1));
  // A screen that stops reading once it has the response's head: what the api writes piles up.
  const slow = connect(Number(base.port), base.hostname);
  const closed = new Promise<void>((resolve) => slow.on('close', () => resolve()));
  slow.on('error', () => {});
  slow.write(`GET /live HTTP/1.1\r\nhost: ${base.host}\r\nauthorization: ${as('viewer').authorization}\r\n\r\n`);
  let head = '';
  await new Promise<void>((resolve) => slow.on('data', function untilHead(chunk: Buffer) {
    head += chunk.toString('latin1');
    if (!head.includes('\r\n\r\n')) return;
    slow.off('data', untilHead);
    slow.pause();
    resolve();
  }));
  assert.match(head, /^HTTP\/1\.1 200/);
  while (hub.size === 0) await new Promise((resolve) => setImmediate(resolve));

  const event = { topic: 'stations', type: 'StationBooted', chargePointId: 'CP1', at: 'x', vendor: 'v'.repeat(200) } as const;
  let published = 0;
  // Far past what the loopback's socket buffers hold, so only the bound can end the stream.
  while (hub.size > 0 && published < 500_000) {
    for (let i = 0; i < 1_000; i += 1) hub.publish(event);
    published += 1_000;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(hub.size, 0, `the stream was still open after ${published} events`);
  assert.ok(published * Buffer.byteLength(sseFrame(event)) > 1 << 20, 'not closed before a mebibyte was written to it');
  // What was written before the close still drains; then the end of the stream.
  slow.resume();
  await closed;
  // Its place among the api's streams is free again.
  const next = await fetch(`${base.origin}/live`, { headers: as('viewer') });
  assert.equal(next.status, 200);
  await next.body?.cancel();
});

test('closing the api ends its live streams, so it stops without waiting on the screens', { timeout: 60_000 }, async () => {
  const hub = followingHub();
  const { app } = await testApp({ live: { hub, maxStreams: 2, keepAliveMs: 60_000 } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  assert.ok(address !== null && typeof address === 'object');
  const response = await fetch(`http://127.0.0.1:${address.port}/live`, { headers: as('viewer') });
  const reader = response.body!.getReader();
  let text = '';
  while (!text.includes('event: ready')) {
    const { value, done } = await reader.read();
    assert.ok(!done, 'the stream ended before it was ready');
    text += new TextDecoder().decode(value);
  }
  const closing = app.close();
  // The screen hears the end of its stream (and would reconnect, to another instance), and the api stops.
  while (!(await reader.read()).done);
  await closing;
  assert.equal(hub.size, 0);
});
