import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { factsOfAnswer, outcomeOf } from './command-facts.ts';
import type { PendingCommand } from './commands-state.ts';
import { AT } from './fixtures.ts';

const base = { chargePointId: 'CP001', at: AT };

function pending(action: string, payload: object): PendingCommand {
  return { commandId: 'k1', action, messageId: 'k1', payload: JSON.stringify(payload), deadline: AT };
}

function facts(action: string, request: object, response: object) {
  return factsOfAnswer(base, pending(action, request), outcomeOf(response));
}

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

describe('facts the commands decider keeps of an answer', () => {
  it('has no facts for commands whose result is only the answer itself', () => {
    assert.deepEqual(facts('GetDiagnostics', { location: 'ftp://x' }, { fileName: 'd.zip' }), []);
    assert.deepEqual(facts('Reset', { type: 'Soft' }, { status: 'Accepted' }), []);
    assert.deepEqual(facts('GetLog', { logType: 'DiagnosticsLog', requestId: 1, log: { remoteLocation: 'ftp://x' } }, { status: 'Accepted', filename: 'l.zip' }), []);
    assert.deepEqual(facts('GetInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' }, { status: 'NotFound' }), []);
  });
});
