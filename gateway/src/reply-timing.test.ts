// The per-socket reply timer with a clock moved by hand and observers that record what they see.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReplyTimer, type AnsweredBy } from './reply-timing.ts';

function setUp(maxAwaited = 2) {
  let now = 10_000;
  const seen: [AnsweredBy, number][] = [];
  const observer = (by: AnsweredBy) => ({ observe: (seconds: number) => { seen.push([by, seconds]); } });
  const timer = createReplyTimer({ clock: () => now, seconds: { gateway: observer('gateway'), processor: observer('processor') }, maxAwaited });
  return { timer, seen, advance: (ms: number) => { now += ms; }, at: () => now };
}

describe('reply timer', () => {
  it('times a processor\'s reply from its CALL\'s receipt, once', () => {
    const { timer, seen, advance, at } = setUp();
    timer.awaitProcessor('b1', at());
    advance(1_500);
    timer.processorReplied('b1');
    timer.processorReplied('b1');
    assert.deepEqual(seen, [['processor', 1.5]]);
    assert.equal(timer.awaited, 0);
  });

  it('times the gateway\'s own reply from the receipt it is given', () => {
    const { timer, seen, advance, at } = setUp();
    const receivedAt = at();
    advance(40);
    timer.gatewayReplied(receivedAt);
    assert.deepEqual(seen, [['gateway', 0.04]]);
  });

  it('ignores a reply to a CALL it does not await', () => {
    const { timer, seen } = setUp();
    timer.processorReplied('never-received');
    assert.deepEqual(seen, []);
  });

  it('keeps at most maxAwaited CALLs, forgetting the oldest first', () => {
    const { timer, seen, at } = setUp(2);
    for (const id of ['c1', 'c2', 'c3']) timer.awaitProcessor(id, at());
    assert.equal(timer.awaited, 2);
    timer.processorReplied('c1');
    timer.processorReplied('c3');
    assert.deepEqual(seen.map(([by]) => by), ['processor'], 'c1 was forgotten, c3 is timed');
  });

  it('restarts the wait of a messageId received again, and keeps it as the newest', () => {
    const { timer, seen, advance, at } = setUp(2);
    timer.awaitProcessor('c1', at());
    timer.awaitProcessor('c2', at());
    advance(1_000);
    timer.awaitProcessor('c1', at());
    timer.awaitProcessor('c3', at());
    advance(500);
    timer.processorReplied('c1');
    timer.processorReplied('c2');
    assert.deepEqual(seen, [['processor', 0.5]], 'c2 was the oldest');
  });

  it('forgets every awaited CALL when the socket closes', () => {
    const { timer, seen, at } = setUp();
    timer.awaitProcessor('c1', at());
    timer.clear();
    assert.equal(timer.awaited, 0);
    timer.processorReplied('c1');
    assert.deepEqual(seen, []);
  });
});
