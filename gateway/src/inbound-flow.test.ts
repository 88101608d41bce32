import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createInboundFlow } from './inbound-flow.ts';

describe('inbound flow', () => {
  it('pauses at the bound and resumes once a frame is acknowledged', () => {
    const events: string[] = [];
    const flow = createInboundFlow({ maxPending: 3, pause: () => events.push('pause'), resume: () => events.push('resume') });
    flow.started();
    flow.started();
    assert.deepEqual(events, []);
    flow.started();
    assert.deepEqual(events, ['pause']);
    flow.started(); // ws may still emit what it had buffered
    assert.deepEqual(events, ['pause'], 'paused once');
    flow.settled();
    assert.deepEqual(events, ['pause'], 'still at the bound');
    flow.settled();
    assert.deepEqual(events, ['pause', 'resume']);
    flow.settled();
    flow.settled();
    assert.deepEqual(events, ['pause', 'resume']);
    for (let i = 0; i < 3; i += 1) flow.started();
    assert.deepEqual(events, ['pause', 'resume', 'pause'], 'back at the bound: paused again');
  });
});
