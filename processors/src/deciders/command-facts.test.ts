import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeOf } from './command-facts.ts';

describe('outcomeOf', () => {
  it('accepts the success statuses and a response without status, and rejects everything else', () => {
    assert.deepEqual(
      [{ status: 'Accepted' }, { status: 'Unlocked' }, { status: 'RebootRequired' }, { listVersion: 3 }, {}].map(outcomeOf),
      ['Accepted', 'Accepted', 'Accepted', 'Accepted', 'Accepted'],
    );
    assert.deepEqual([{ status: 'NotSupported' }, { status: 'VersionMismatch' }, { status: 7 }].map(outcomeOf), ['Rejected', 'Rejected', 'Rejected']);
  });

  it('accepts AcceptedCanceled: a GetLog or SignedUpdateFirmware that replaced one under way (1.6 Security Whitepaper)', () => {
    assert.equal(outcomeOf({ status: 'AcceptedCanceled' }), 'Accepted');
    assert.deepEqual([{ status: 'NotFound' }, { status: 'Failed' }, { status: 'InvalidCertificate' }].map(outcomeOf), ['Rejected', 'Rejected', 'Rejected']);
  });
});
