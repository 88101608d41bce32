import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { UndeliveredReason } from '@csms/contracts';
import { createCallChannel } from './call-channel.ts';
import { createFakeTimers } from './test-timers.ts';
import type { CsmsCall } from './call-queue.ts';
import { createMetrics } from './metrics.ts';

const call = (messageId: string, deadline: number | null = null): CsmsCall =>
  ({ messageId, action: 'Reset', raw: `[2,"${messageId}","Reset",{"type":"Soft"}]`, deadline });

/** The fake clock's start: deadlines are epoch ms. */
const T0 = Date.UTC(2025, 0, 1);

function setup(options: { open?: boolean; maxQueued?: number; unsendable?: string[] } = {}) {
  const timers = createFakeTimers(T0);
  const sent: string[] = [];
  const undelivered: string[] = [];
  const metrics = createMetrics({ defaultMetrics: false });
  const channel = createCallChannel({
    maxQueued: options.maxQueued ?? 20, timeoutMs: 30_000, clock: () => timers.now, timers, metrics,
    send: (raw) => { sent.push(JSON.parse(raw)[1]); return options.open ?? true; },
    reveal: (c) => (options.unsendable?.includes(c.messageId) ? { ok: false, reason: 'SecretUnavailable' } : { ok: true, raw: c.raw }),
    undelivered: (c: CsmsCall, reason: UndeliveredReason) => undelivered.push(`${c.messageId}:${reason}`),
  });
  return { channel, timers, sent, undelivered, metrics };
}

const value = async (metric: { get(): Promise<{ values: { value: number; labels: object }[] }> }, labels = {}) =>
  (await metric.get()).values.find((v) => JSON.stringify(v.labels) === JSON.stringify(labels))?.value ?? 0;

describe('call channel', () => {
  it('writes one CALL, and the next only after the answer is recorded', async () => {
    const { channel, sent, metrics } = setup();
    assert.deepEqual([channel.offer(call('a')), channel.offer(call('b'))], ['sent', 'queued']);
    assert.deepEqual(sent, ['a']);
    assert.deepEqual([await value(metrics.callsOutstanding), await value(metrics.callsQueued)], [1, 1]);
    assert.equal(channel.answered('a')?.action, 'Reset');
    assert.deepEqual(sent, ['a']);
    channel.recorded('a');
    assert.deepEqual(sent, ['a', 'b']);
    assert.equal(channel.awaitingAnswer()?.messageId, 'b');
    assert.deepEqual([await value(metrics.callsOutstanding), await value(metrics.callsQueued)], [1, 0]);
    assert.equal(await value(metrics.callsSent), 2);
  });

  it('times a CALL out after timeoutMs and sends the next', async () => {
    const { channel, timers, sent, undelivered, metrics } = setup();
    channel.offer(call('a'));
    channel.offer(call('b'));
    timers.advance(29_999);
    assert.deepEqual(undelivered, []);
    timers.advance(1);
    assert.deepEqual([undelivered, sent], [['a:Timeout'], ['a', 'b']]);
    timers.advance(30_000);
    assert.deepEqual(undelivered, ['a:Timeout', 'b:Timeout']);
    assert.equal(await value(metrics.callsUndelivered, { reason: 'Timeout' }), 2);
    assert.equal(await value(metrics.callsOutstanding), 0);
  });

  it('awaits a CALL with a deadline until then, beyond the default timeout', () => {
    const { channel, timers, undelivered } = setup();
    channel.offer(call('a', T0 + 300_000));
    timers.advance(299_999);
    assert.deepEqual(undelivered, []);
    timers.advance(1);
    assert.deepEqual(undelivered, ['a:Timeout']);
  });

  it('skips a queued CALL whose deadline passed while it waited, reporting it as Timeout', async () => {
    const { channel, timers, sent, undelivered, metrics } = setup();
    channel.offer(call('a'));
    channel.offer(call('b', T0 + 10_000));
    channel.offer(call('c', T0 + 120_000));
    timers.advance(30_000);
    assert.deepEqual([undelivered, sent], [['a:Timeout', 'b:Timeout'], ['a', 'c']]);
    timers.advance(89_999);
    assert.deepEqual(undelivered, ['a:Timeout', 'b:Timeout'], 'c awaited for what was left of its deadline');
    timers.advance(1);
    assert.deepEqual(undelivered, ['a:Timeout', 'b:Timeout', 'c:Timeout']);
    assert.equal(await value(metrics.callsSent), 2);
    assert.deepEqual([await value(metrics.callsOutstanding), await value(metrics.callsQueued)], [0, 0]);
  });

  it('reports a CALL that arrives past its deadline as Timeout and never writes it', async () => {
    const { channel, timers, sent, undelivered, metrics } = setup();
    assert.equal(channel.offer(call('a', T0)), 'expired');
    assert.deepEqual([sent, undelivered, timers.armed], [[], ['a:Timeout'], 0]);
    assert.equal(channel.offer(call('b')), 'sent', 'the slot stayed free');
    assert.equal(await value(metrics.callsUndelivered, { reason: 'Timeout' }), 1);
  });

  it('stops the timer of an answered CALL', () => {
    const { channel, timers, undelivered } = setup();
    channel.offer(call('a'));
    channel.answered('a');
    assert.equal(timers.armed, 0);
    timers.advance(60_000);
    assert.deepEqual(undelivered, []);
  });

  it('reports the overflow and, on close, everything not answered', async () => {
    const { channel, timers, undelivered, metrics } = setup({ maxQueued: 1 });
    assert.deepEqual(['a', 'b', 'c'].map((id) => channel.offer(call(id))), ['sent', 'queued', 'queue-full']);
    channel.close();
    assert.deepEqual(undelivered, ['c:QueueFull', 'a:ConnectionGone', 'b:ConnectionGone']);
    assert.equal(timers.armed, 0);
    assert.equal(channel.offer(call('d')), 'closed');
    assert.equal(await value(metrics.callsUndelivered, { reason: 'ConnectionGone' }), 3);
    assert.deepEqual([await value(metrics.callsOutstanding), await value(metrics.callsQueued)], [0, 0]);
  });

  it('does not count a CALL the closing socket would not take as sent; the close reports it', async () => {
    const { channel, sent, undelivered, metrics } = setup({ open: false });
    channel.offer(call('a'));
    assert.deepEqual(sent, ['a']);
    assert.equal(await value(metrics.callsSent), 0);
    channel.close();
    assert.deepEqual(undelivered, ['a:ConnectionGone']);
  });

  it('records a CALL whose secret cannot be opened as undelivered, never writes it, and sends the next', async () => {
    const { channel, sent, undelivered, timers, metrics } = setup({ unsendable: ['b'] });
    assert.deepEqual([channel.offer(call('a')), channel.offer(call('b')), channel.offer(call('c'))], ['sent', 'queued', 'queued']);
    channel.answered('a');
    channel.recorded('a');
    assert.deepEqual(sent, ['a', 'c']);
    assert.deepEqual(undelivered, ['b:SecretUnavailable']);
    assert.equal(timers.armed, 1, 'only the answer timer of c');
    assert.equal(await value(metrics.callsUndelivered, { reason: 'SecretUnavailable' }), 1);
    assert.deepEqual([await value(metrics.callsOutstanding), await value(metrics.callsQueued)], [1, 0]);
    channel.answered('c');
    channel.recorded('c');
    assert.equal(channel.offer(call('d')), 'sent', 'and it left nothing behind in the queue');
  });
});
