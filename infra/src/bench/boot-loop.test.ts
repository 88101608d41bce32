import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BootAnswer } from './boot-answer.ts';
import { bootUntilAccepted } from './boot-loop.ts';
import type { CallChannel } from './call-channel.ts';
import type { Reply } from './pending-calls.ts';

/** The CSMS's side, faked at the channel: each boot gets the next of these replies. */
function answering(replies: Reply[]): CallChannel & { boots: number } {
  const channel = {
    boots: 0,
    call: () => { channel.boots += 1; return Promise.resolve(replies.shift() ?? { kind: 'closed' } as const); },
    close: () => undefined,
  };
  return channel;
}

const pending = (intervalSeconds: number): Reply => ({ kind: 'result', payload: { status: 'Pending', interval: intervalSeconds } });
const accepted: Reply = { kind: 'result', payload: { status: 'Accepted', interval: 300 } };

describe('booting until Accepted', () => {
  it('boots again after the wait a Pending answer gives, and stops at Accepted', async () => {
    const channel = answering([pending(0.01), pending(0.01), accepted, accepted]);
    const verdicts: BootAnswer['verdict'][] = [];
    await bootUntilAccepted(channel, { boot: {}, signal: new AbortController().signal, onAnswer: (answer) => verdicts.push(answer.verdict) });
    assert.deepEqual(verdicts, ['deferred', 'deferred', 'accepted']);
    assert.equal(channel.boots, 3);
  });

  it('boots once only after a failure', async () => {
    const channel = answering([{ kind: 'timeout' }, accepted]);
    await bootUntilAccepted(channel, { boot: {}, signal: new AbortController().signal, onAnswer: () => undefined });
    assert.equal(channel.boots, 1);
  });

  it('stops waiting when the window ends, and boots no more', async () => {
    const ended = new AbortController();
    const channel = answering([pending(3600), accepted]);
    const started = performance.now();
    await bootUntilAccepted(channel, { boot: {}, signal: ended.signal, onAnswer: () => ended.abort() });
    assert.ok(performance.now() - started < 1000, 'the hour-long wait ended with the window');
    assert.equal(channel.boots, 1);
  });

  it('sends no boot once the window has ended', async () => {
    const channel = answering([accepted]);
    await bootUntilAccepted(channel, { boot: {}, signal: AbortSignal.abort(), onAnswer: () => undefined });
    assert.equal(channel.boots, 0);
  });
});
