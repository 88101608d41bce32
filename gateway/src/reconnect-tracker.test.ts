import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReconnectTracker } from './reconnect-tracker.ts';

const MINUTE = 60_000;

describe('createReconnectTracker', () => {
  it('counts the stations with three connects within ten minutes, and forgets older ones', () => {
    const tracker = createReconnectTracker({ windowMs: 10 * MINUTE, threshold: 3 });
    for (const at of [0, MINUTE, 2 * MINUTE]) tracker.noteConnect('FLAPPY', at);
    for (const at of [0, 5 * MINUTE]) tracker.noteConnect('STEADY', at);
    tracker.noteConnect('RETURNING', 0);
    tracker.noteConnect('RETURNING', 11 * MINUTE);
    tracker.noteConnect('RETURNING', 12 * MINUTE);
    assert.equal(tracker.flapping(3 * MINUTE), 1);
    assert.equal(tracker.flapping(12 * MINUTE), 0, 'FLAPPY\'s connects fell out of the window; RETURNING has two within it');
  });
});
