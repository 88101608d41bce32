import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  answer, answerRecorded, awaitingAnswer, close, emptyCallQueue, offer, timeOut,
  type CallQueueEffect, type CallQueueState, type CsmsCall,
} from './call-queue.ts';

const call = (messageId: string, action = 'Reset'): CsmsCall =>
  ({ messageId, action, raw: JSON.stringify([2, messageId, action, {}]) });

/** Offers the calls in order, returning the last state and every effect, as `kind:messageId[:reason]`. */
function offerAll(calls: readonly CsmsCall[], maxQueued = 20, from: CallQueueState = emptyCallQueue) {
  let state = from;
  const effects: string[] = [];
  for (const c of calls) {
    const step = offer(state, c, maxQueued);
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
function answerAndRecord(state: CallQueueState, messageId: string) {
  const answered = answer(state, messageId);
  const recorded = answerRecorded(answered.state, messageId);
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
      const step = offer(state, c, 1);
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
    assert.deepEqual(offer(answered.state, call('d'), 20).admission, 'queued');
    const recorded = answerRecorded(answered.state, 'a');
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
    assert.deepEqual(answerRecorded(state, 'a').effects, [], 'not answered yet');
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
    const step = timeOut(state, 'a');
    assert.deepEqual(step.effects.map(show), ['undelivered:a:Timeout', 'send:b']);
    assert.equal(awaitingAnswer(step.state)?.messageId, 'b');
    const lastOne = timeOut(step.state, 'b');
    assert.deepEqual(lastOne.effects.map(show), ['undelivered:b:Timeout']);
    assert.deepEqual(lastOne.state, emptyCallQueue);
  });

  it('ignores a stale timer: of a CALL answered, or of an earlier one', () => {
    const { state } = offerAll([call('a'), call('b')]);
    const answered = answer(state, 'a');
    assert.deepEqual(timeOut(answered.state, 'a').effects, [], 'answered, recording');
    const recorded = answerRecorded(answered.state, 'a');
    assert.deepEqual(timeOut(recorded.state, 'a').effects, [], 'b is awaited now');
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
    const step = offer(closed, call('b'), 20);
    assert.deepEqual([step.admission, step.effects.map(show)], ['closed', ['undelivered:b:ConnectionGone']]);
    assert.deepEqual(timeOut(closed, 'a').effects, []);
    assert.deepEqual(answerRecorded(closed, 'a').effects, []);
  });
});
