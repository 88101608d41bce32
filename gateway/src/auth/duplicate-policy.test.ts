import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideDuplicate, isAlive, type DuplicateInput } from './duplicate-policy.ts';

const PING = 30_000;
const base: DuplicateInput = { policy: 'replace', existingLastSeenAt: 1_000, verifiedProfile: 0, now: 2_000, pingMs: PING };

describe('duplicate connections', () => {
  it('admits any connection when the identity holds no socket here', () => {
    assert.equal(decideDuplicate({ ...base, existingLastSeenAt: null }), 'admit');
    assert.equal(decideDuplicate({ ...base, policy: 'refuse', existingLastSeenAt: null }), 'admit');
  });

  it('under replace, lets an authenticated duplicate take over and refuses an unauthenticated one while the first is alive', () => {
    for (const verifiedProfile of [1, 2, 3] as const) assert.equal(decideDuplicate({ ...base, verifiedProfile }), 'admit');
    assert.equal(decideDuplicate(base), 'refuse');
  });

  it('under refuse, refuses every duplicate while the first is alive', () => {
    for (const verifiedProfile of [0, 1, 2, 3] as const) {
      assert.equal(decideDuplicate({ ...base, policy: 'refuse', verifiedProfile }), 'refuse');
    }
  });

  it('admits a duplicate of a socket that stopped answering, under either policy', () => {
    const silent = { ...base, existingLastSeenAt: 0, now: PING + 5_001 };
    assert.equal(decideDuplicate(silent), 'admit');
    assert.equal(decideDuplicate({ ...silent, policy: 'refuse' }), 'admit');
  });

  it('calls a socket alive within a ping interval plus a bounded pong allowance', () => {
    assert.equal(isAlive(0, PING + 5_000, PING), true);
    assert.equal(isAlive(0, PING + 5_001, PING), false);
    assert.equal(isAlive(0, 2_000, 1_000), true);
    assert.equal(isAlive(0, 2_001, 1_000), false);
  });
});
