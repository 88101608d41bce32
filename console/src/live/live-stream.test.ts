import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { LiveEvent } from './live-event.ts';
import { openLiveStream, type LiveStatus } from './live-stream.ts';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
    },
  });
}

it('reports live after ready, hands over events and sends the token', async () => {
  const events: LiveEvent[] = [];
  const statuses: LiveStatus[] = [];
  let authorization = '';
  const event = { topic: 'stations', type: 'StationDisconnected', chargePointId: 'CP1', at: '2025-01-10T08:00:00Z' };
  const stream = openLiveStream({
    token: 'tok',
    fetch: async (_url, init) => {
      authorization = (init?.headers as Record<string, string>).authorization ?? '';
      return new Response(streamOf(['event: ready\ndata: {}\n\n', `data: ${JSON.stringify(event)}\n`, '\n']), { status: 200 });
    },
    onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s), onUnauthorized: () => {},
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  stream.stop();
  assert.equal(authorization, 'Bearer tok');
  assert.deepEqual(statuses.slice(0, 2), ['connecting', 'live']);
  assert.deepEqual(events.map((e) => e.type), ['StationDisconnected']);
});

it('stops on a 401 and says so', async () => {
  let unauthorized = 0;
  let calls = 0;
  openLiveStream({
    token: 'old',
    fetch: async () => { calls += 1; return new Response('{}', { status: 401 }); },
    onEvent: () => {}, onStatus: () => {}, onUnauthorized: () => { unauthorized += 1; },
  });
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(unauthorized, 1);
  assert.equal(calls, 1);
});
