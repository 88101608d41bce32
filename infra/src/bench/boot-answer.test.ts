import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootAnswerOf } from './boot-answer.ts';

describe('a station\'s reading of its boot answer', () => {
  it('takes Accepted with the heartbeat interval it gives, in ms', () => {
    assert.deepEqual(bootAnswerOf({ kind: 'result', payload: { status: 'Accepted', interval: 60, currentTime: '2025-03-01T12:00:00Z' } }),
      { verdict: 'accepted', heartbeatMs: 60_000 });
  });

  it('takes the echo floor\'s answer, the call sent back with no status, for an Accepted without heartbeats', () => {
    assert.deepEqual(bootAnswerOf({ kind: 'result', payload: { chargePointVendor: 'Bench', chargePointModel: 'B1' } }), { verdict: 'accepted', heartbeatMs: null });
  });

  it('defers on Pending and Rejected, with the wait the answer gives, or a second when it gives none', () => {
    assert.deepEqual(bootAnswerOf({ kind: 'result', payload: { status: 'Pending', interval: 5 } }), { verdict: 'deferred', status: 'Pending', retryMs: 5000 });
    assert.deepEqual(bootAnswerOf({ kind: 'result', payload: { status: 'Rejected', interval: 0 } }), { verdict: 'deferred', status: 'Rejected', retryMs: 1000 });
  });

  it('fails on a CALLERROR, a timeout or a closed socket', () => {
    for (const reply of [{ kind: 'error', code: 'InternalError' }, { kind: 'timeout' }, { kind: 'closed' }] as const) {
      assert.deepEqual(bootAnswerOf(reply), { verdict: 'failed' });
    }
  });
});
