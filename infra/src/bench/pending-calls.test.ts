import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pendingCalls } from './pending-calls.ts';

// The timeout is an hour: every call here is settled, closed or ignored long before it.
describe('calls waiting for their answer', () => {
  it('hands each answer to the call with its id, once, and ignores a late one', async () => {
    const pending = pendingCalls(3_600_000);
    const first = pending.wait('b1');
    assert.equal(pending.settle('b1', { kind: 'result', payload: 1 }), true);
    assert.deepEqual(await first, { kind: 'result', payload: 1 });
    assert.equal(pending.settle('b1', { kind: 'result', payload: 2 }), false);
  });

  it('ends every waiting call when the connection goes', async () => {
    const pending = pendingCalls(3_600_000);
    const calls = [pending.wait('b1'), pending.wait('b2')];
    pending.closeAll();
    assert.deepEqual(await Promise.all(calls), [{ kind: 'closed' }, { kind: 'closed' }]);
  });
});
