import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeOf } from './answer-outcome.ts';

// Reset: a row with no rule of its own, so the response alone decides.
const ocpp16Outcome = (response: unknown) => outcomeOf(response, 'ocpp1.6', 'Reset');
const ocpp201Outcome = (response: unknown) => outcomeOf(response, 'ocpp2.0.1', 'Reset');
const setVariablesOutcome = (response: unknown) => outcomeOf(response, 'ocpp2.0.1', 'SetVariables');

describe('outcomeOf', () => {
  it('accepts the success statuses and a response without status, and rejects everything else', () => {
    assert.deepEqual(
      [{ status: 'Accepted' }, { status: 'Unlocked' }, { status: 'RebootRequired' }, { listVersion: 3 }, {}].map(ocpp16Outcome),
      ['Accepted', 'Accepted', 'Accepted', 'Accepted', 'Accepted'],
    );
    assert.deepEqual([{ status: 'NotSupported' }, { status: 'VersionMismatch' }, { status: 7 }].map(ocpp16Outcome), ['Rejected', 'Rejected', 'Rejected']);
  });

  it('accepts AcceptedCanceled: a GetLog or SignedUpdateFirmware that replaced one under way (1.6 Security Whitepaper)', () => {
    assert.equal(ocpp16Outcome({ status: 'AcceptedCanceled' }), 'Accepted');
    assert.deepEqual([{ status: 'NotFound' }, { status: 'Failed' }, { status: 'InvalidCertificate' }].map(ocpp16Outcome), ['Rejected', 'Rejected', 'Rejected']);
  });

  it('reads a 2.0.1 answer by the 2.0.1 table: Scheduled is success there, RebootRequired and AcceptedCanceled are no top-level status of it', () => {
    assert.deepEqual(
      [{ status: 'Accepted' }, { status: 'Unlocked' }, { status: 'Scheduled' }, { getVariableResult: [] }, { versionNumber: 3 }].map(ocpp201Outcome),
      ['Accepted', 'Accepted', 'Accepted', 'Accepted', 'Accepted'],
    );
    assert.deepEqual(
      [{ status: 'RebootRequired' }, { status: 'AcceptedCanceled' }, { status: 'Rejected' }, { status: 'Occupied' }].map(ocpp201Outcome),
      ['Rejected', 'Rejected', 'Rejected', 'Rejected'],
    );
    assert.equal(ocpp16Outcome({ status: 'Scheduled' }), 'Rejected');
  });

  it('reads no status as success in a protocol without a table, and no other', () => {
    assert.equal(outcomeOf({}, 'ocpp2.1', 'Reset'), 'Accepted');
    assert.equal(outcomeOf({ status: 'Accepted' }, 'ocpp2.1', 'Reset'), 'Rejected');
  });

  it('accepts an OCPP 2.0.1 SetVariables only when every variable was set (B05)', () => {
    const answer = (...attributeStatus: string[]) => ({
      setVariableResult: attributeStatus.map((status) => ({ attributeStatus: status, component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } })),
    });
    assert.deepEqual([answer('Accepted'), answer('Accepted', 'RebootRequired')].map(setVariablesOutcome), ['Accepted', 'Accepted']);
    assert.deepEqual([answer('Rejected'), answer('Accepted', 'UnknownVariable'), answer('NotSupportedAttributeType')].map(setVariablesOutcome),
      ['Rejected', 'Rejected', 'Rejected']);
  });
});
