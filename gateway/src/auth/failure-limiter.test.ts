import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFailureLimiter } from './failure-limiter.ts';

const options = { maxFailures: 5, windowMs: 60_000, lockoutMs: 60_000, maxTracked: 100 };

describe('failure limiter', () => {
  it('locks an address out at its 5th failure within a minute, and only that address', () => {
    const limiter = createFailureLimiter(options);
    for (let i = 0; i < 4; i += 1) limiter.recordFailure('10.0.0.1', 1_000 + i);
    assert.equal(limiter.lockedFor('10.0.0.1', 1_010), 0, 'four failures: the fifth attempt is still checked');
    limiter.recordFailure('10.0.0.1', 1_010);
    assert.equal(limiter.lockedFor('10.0.0.1', 1_011), 59_999, 'the sixth attempt waits out the cool-down');
    assert.equal(limiter.lockedFor('10.0.0.2', 1_011), 0);
    assert.equal(limiter.lockedFor('10.0.0.1', 61_010), 0, 'and may try again after it');
  });

  it('forgets failures older than the window', () => {
    const limiter = createFailureLimiter(options);
    for (let i = 0; i < 4; i += 1) limiter.recordFailure('a', i * 1_000);
    limiter.recordFailure('a', 60_500); // the first one (at 0) is out of the window now
    assert.equal(limiter.lockedFor('a', 60_501), 0);
    limiter.recordFailure('a', 60_600);
    assert.ok(limiter.lockedFor('a', 60_601) > 0);
  });

  it('stays bounded, dropping the oldest address first, and drops entries that expired', () => {
    const limiter = createFailureLimiter({ ...options, maxTracked: 3 });
    for (const address of ['a', 'b', 'c', 'd']) limiter.recordFailure(address, 0);
    assert.equal(limiter.tracked, 3);
    limiter.lockedFor('b', 120_000);
    assert.equal(limiter.tracked, 2);
  });
});
