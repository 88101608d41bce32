import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  answer, answerRecorded, awaitingAnswer, close, emptyCallQueue, offer, timeOut,
  type CallLimits, type CallQueueEffect, type CallQueueState, type CsmsCall,
} from './call-queue.ts';

const call = (messageId: string, action = 'Reset', deadline: number | null = null): CsmsCall =>
  ({ messageId, action, raw: JSON.stringify([2, messageId, action, {}]), deadline });
/** A Reset whose command expires at `deadline`. */
const until = (messageId: string, deadline: number): CsmsCall => call(messageId, 'Reset', deadline);

/** The time of every transition unless a test moves it. */
const NOW = 1_000_000;
const limits = (maxQueued = 20): CallLimits => ({ maxQueued, timeoutMs: 30_000 });

/** Offers the calls in order, returning the last state and every effect, as `kind:messageId[:reason]`. */
function offerAll(calls: readonly CsmsCall[], maxQueued = 20, from: CallQueueState = emptyCallQueue, now = NOW) {
  let state = from;
  const effects: string[] = [];
  for (const c of calls) {
    const step = offer(state, c, now, limits(maxQueued));
    state = step.state;
    effects.push(...step.effects.map(show));
  }
  return { state, effects };
}

function show(effect: CallQueueEffect): string {
  switch (effect.kind) {
    case 'send': return `send:${effect.call.messageId}`;
    case 'stop-timer': return 'stop-timer';
    case 'undelivered': return `undelivered:${effect.call.messageId}:${effect.reason}`;
    default: {
      const _exhaustive: never = effect;
      return _exhaustive;
    }
  }
}

/** Answers the awaited call and has its answer recorded. */
function answerAndRecord(state: CallQueueState, messageId: string, now = NOW) {
  const answered = answer(state, messageId);
  const recorded = answerRecorded(answered.state, messageId, now, limits());
  return { state: recorded.state, effects: [...answered.effects, ...recorded.effects].map(show), call: answered.call };
}

describe('call queue', () => {
  it('sends the first CALL at once and keeps the others waiting: one outstanding at a time', () => {
    const { state, effects } = offerAll([call('a'), call('b'), call('c')]);
    assert.deepEqual(effects, ['send:a']);
    assert.equal(awaitingAnswer(state)?.messageId, 'a');
    assert.deepEqual(state.waiting.map((c) => c.messageId), ['b', 'c']);
  });

  it('reports how each CALL was admitted', () => {
    let state = emptyCallQueue;
    const admissions = [call('a'), call('b'), call('a'), call('b'), call('c')].map((c) => {
      const step = offer(state, c, NOW, limits(1));
      state = step.state;
      return step.admission;
    });
    assert.deepEqual(admissions, ['sent', 'queued', 'duplicate', 'duplicate', 'queue-full']);
  });

  it('sends the next CALL, first in first out, only once the answer is recorded', () => {
    const queued = offerAll([call('a'), call('b'), call('c')]);
    const answered = answer(queued.state, 'a');
    assert.equal(answered.call?.messageId, 'a');
    assert.deepEqual(answered.effects.map(show), ['stop-timer']);
    assert.equal(awaitingAnswer(answered.state), null, 'no longer awaiting, not yet free');
    assert.deepEqual(offer(answered.state, call('d'), NOW, limits()).admission, 'queued');
    const recorded = answerRecorded(answered.state, 'a', NOW, limits());
    assert.deepEqual(recorded.effects.map(show), ['send:b']);
    const next = answerAndRecord(recorded.state, 'b');
    assert.deepEqual(next.effects, ['stop-timer', 'send:c']);
    const last = answerAndRecord(next.state, 'c');
    assert.deepEqual(last.effects, ['stop-timer']);
    assert.deepEqual(last.state, emptyCallQueue);
  });

  it('ignores an answer to a CALL not awaited (late, unknown, or still waiting)', () => {
    const { state } = offerAll([call('a'), call('b')]);
    for (const messageId of ['zzz', 'b']) {
      const step = answer(state, messageId);
      assert.deepEqual([step.call, step.effects, step.state], [null, [], state], messageId);
    }
    assert.deepEqual(answerRecorded(state, 'a', NOW, limits()).effects, [], 'not answered yet');
  });

  it('refuses a CALL over the bound as QueueFull, keeping the queue', () => {
    const { state, effects } = offerAll([call('a'), call('b'), call('c'), call('d')], 2);
    assert.deepEqual(effects, ['send:a', 'undelivered:d:QueueFull']);
    assert.deepEqual(state.waiting.map((c) => c.messageId), ['b', 'c']);
  });

  it('allows no waiting CALL at all with a bound of 0', () => {
    const { effects } = offerAll([call('a'), call('b')], 0);
    assert.deepEqual(effects, ['send:a', 'undelivered:b:QueueFull']);
  });

  it('times out the awaited CALL and sends the next', () => {
    const { state } = offerAll([call('a'), call('b')]);
    const step = timeOut(state, 'a', NOW, limits());
    assert.deepEqual(step.effects.map(show), ['undelivered:a:Timeout', 'send:b']);
    assert.equal(awaitingAnswer(step.state)?.messageId, 'b');
    const lastOne = timeOut(step.state, 'b', NOW, limits());
    assert.deepEqual(lastOne.effects.map(show), ['undelivered:b:Timeout']);
    assert.deepEqual(lastOne.state, emptyCallQueue);
  });

  it('ignores a stale timer: of a CALL answered, or of an earlier one', () => {
    const { state } = offerAll([call('a'), call('b')]);
    const answered = answer(state, 'a');
    assert.deepEqual(timeOut(answered.state, 'a', NOW, limits()).effects, [], 'answered, recording');
    const recorded = answerRecorded(answered.state, 'a', NOW, limits());
    assert.deepEqual(timeOut(recorded.state, 'a', NOW, limits()).effects, [], 'b is awaited now');
  });

  it('awaits a CALL without a deadline for the default timeout, and one with a deadline until then', () => {
    const plain = offer(emptyCallQueue, call('a'), NOW, limits());
    assert.deepEqual(plain.effects, [{ kind: 'send', call: call('a'), waitMs: 30_000 }]);
    const long = offer(emptyCallQueue, until('b', NOW + 300_000), NOW, limits());
    assert.deepEqual(long.effects, [{ kind: 'send', call: until('b', NOW + 300_000), waitMs: 300_000 }], 'beyond the default');
    const short = offer(emptyCallQueue, until('c', NOW + 5_000), NOW, limits());
    assert.deepEqual(short.effects.map((e) => e.kind === 'send' && e.waitMs), [5_000], 'within the default');
  });

  it('awaits a queued CALL only for what is left of its deadline when its turn comes', () => {
    const { state } = offerAll([call('a'), until('b', NOW + 300_000)]);
    const step = timeOut(state, 'a', NOW + 30_000, limits());
    assert.deepEqual(step.effects.map((e) => e.kind === 'send' ? `send:${e.call.messageId}:${e.waitMs}` : show(e)),
      ['undelivered:a:Timeout', 'send:b:270000']);
  });

  it('reports a queued CALL whose deadline passed while it waited as Timeout instead of sending it', () => {
    const { state } = offerAll([until('a', NOW + 300_000), until('b', NOW + 60_000), until('c', NOW + 90_000), call('d')]);
    const later = NOW + 90_000;
    const recorded = answerAndRecord(state, 'a', later);
    assert.deepEqual(recorded.effects, ['stop-timer', 'undelivered:b:Timeout', 'undelivered:c:Timeout', 'send:d'],
      'c expires at the very instant its turn comes');
    assert.equal(awaitingAnswer(recorded.state)?.messageId, 'd');
    assert.deepEqual(recorded.state.waiting, []);
    const timedOut = timeOut(offerAll([call('e'), until('f', NOW + 10_000)]).state, 'e', NOW + 30_000, limits());
    assert.deepEqual(timedOut.effects.map(show), ['undelivered:e:Timeout', 'undelivered:f:Timeout']);
    assert.deepEqual(timedOut.state, emptyCallQueue, 'nothing left to send: the slot is free');
  });

  it('reports a CALL that arrives past its deadline as Timeout without sending or queueing it', () => {
    const idle = offer(emptyCallQueue, until('a', NOW - 1), NOW, limits());
    assert.deepEqual([idle.admission, idle.effects.map(show), idle.state], ['expired', ['undelivered:a:Timeout'], emptyCallQueue]);
    const { state } = offerAll([call('b')]);
    const busy = offer(state, until('c', NOW), NOW, limits());
    assert.deepEqual([busy.admission, busy.effects.map(show), busy.state], ['expired', ['undelivered:c:Timeout'], state]);
    assert.equal(offer(state, until('b', NOW - 1), NOW, limits()).admission, 'duplicate', 'a redelivery of the CALL awaited');
  });

  it('drains the awaited CALL and every waiting one as ConnectionGone when the socket closes', () => {
    const { state } = offerAll([call('a'), call('b'), call('c')]);
    const step = close(state);
    assert.deepEqual(step.effects.map(show),
      ['stop-timer', 'undelivered:a:ConnectionGone', 'undelivered:b:ConnectionGone', 'undelivered:c:ConnectionGone']);
    assert.deepEqual(step.state, { status: 'closed', inFlight: null, waiting: [] });
    assert.deepEqual(close(step.state).effects, [], 'closing twice reports nothing twice');
  });

  it('does not report a CALL answered but still being recorded when the socket closes', () => {
    const { state } = offerAll([call('a'), call('b')]);
    const step = close(answer(state, 'a').state);
    assert.deepEqual(step.effects.map(show), ['stop-timer', 'undelivered:b:ConnectionGone']);
  });

  it('reports a CALL offered after the close as ConnectionGone, and sends nothing more', () => {
    const closed = close(offerAll([call('a')]).state).state;
    const step = offer(closed, call('b'), NOW, limits());
    assert.deepEqual([step.admission, step.effects.map(show)], ['closed', ['undelivered:b:ConnectionGone']]);
    assert.deepEqual(timeOut(closed, 'a', NOW, limits()).effects, []);
    assert.deepEqual(answerRecorded(closed, 'a', NOW, limits()).effects, []);
  });
});
