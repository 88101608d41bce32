import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { domainAuthorizationStatus } from './authorization-status.ts';

describe('2.0.1 authorization statuses in the domain', () => {
  it('keeps the statuses 1.6 has, and reads every refusal 2.0.1 added as Invalid', () => {
    for (const status of ['Accepted', 'Blocked', 'ConcurrentTx', 'Expired', 'Invalid'] as const) assert.equal(domainAuthorizationStatus(status), status);
    for (const status of ['NoCredit', 'NotAllowedTypeEVSE', 'NotAtThisLocation', 'NotAtThisTime', 'Unknown'] as const) {
      assert.equal(domainAuthorizationStatus(status), 'Invalid', status);
    }
  });
});
