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
  return factsOfAnswer(base, pending(action, request), JSON.stringify(response), outcomeOf(response));
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

describe('station facts of an answer', () => {
  it('records a local list the station accepted, with removals as a null status', () => {
    const request = {
      listVersion: 5, updateType: 'Differential',
      localAuthorizationList: [{ idTag: 'A', idTagInfo: { status: 'Accepted', expiryDate: '2025-01-01T10:00:01Z', parentIdTag: 'G' } }, { idTag: 'B' }],
    };
    assert.deepEqual(facts('SendLocalList', request, { status: 'Accepted' }), [{
      type: 'LocalListUpdated', ...base, listVersion: 5, updateType: 'Differential', entries: [
        { idTag: 'A', status: 'Accepted', expiryDate: AT + 1000, parentIdTag: 'G' },
        { idTag: 'B', status: null, expiryDate: null, parentIdTag: null },
      ],
    }]);
    assert.deepEqual(facts('SendLocalList', request, { status: 'VersionMismatch' }), []);
  });

  it('reports the local list version and the configuration, complete only when no key was asked for', () => {
    assert.deepEqual(facts('GetLocalListVersion', {}, { listVersion: 4 }), [{ type: 'LocalListVersionReported', ...base, listVersion: 4 }]);
    const response = { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '60' }, { key: 'Id', readonly: true }], unknownKey: ['X'] };
    assert.deepEqual(facts('GetConfiguration', {}, response), [{
      type: 'ConfigurationReported', ...base, unknownKeys: ['X'], complete: true, keys: [
        { key: 'HeartbeatInterval', value: '60', readonly: false }, { key: 'Id', value: null, readonly: true },
      ],
    }]);
    const asked = facts('GetConfiguration', { key: ['HeartbeatInterval'] }, {});
    assert.equal(asked[0]?.type === 'ConfigurationReported' && asked[0].complete, false);
  });

  it('records a configuration change whatever the station answered', () => {
    assert.deepEqual(facts('ChangeConfiguration', { key: 'K', value: 'v' }, { status: 'NotSupported' }), [
      { type: 'ConfigurationChanged', ...base, key: 'K', value: 'v', status: 'NotSupported' },
    ]);
  });

  it('records charging profiles set and cleared, and composite schedules, only when accepted', () => {
    const profile = {
      chargingProfileId: 3, stackLevel: 1, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute',
      validTo: '2025-01-01T10:00:02Z', chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
    };
    assert.deepEqual(facts('SetChargingProfile', { connectorId: 1, csChargingProfiles: profile }, { status: 'Accepted' }), [{
      type: 'ChargingProfileSet', ...base, connectorId: 1, chargingProfileId: 3, stackLevel: 1, purpose: 'TxDefaultProfile',
      transactionId: null, validFrom: null, validTo: AT + 2000, profile: JSON.stringify(profile),
    }]);
    assert.deepEqual(facts('SetChargingProfile', { connectorId: 1, csChargingProfiles: profile }, { status: 'Rejected' }), []);
    assert.deepEqual(facts('ClearChargingProfile', { connectorId: 1 }, { status: 'Accepted' }), [
      { type: 'ChargingProfilesCleared', ...base, chargingProfileId: null, connectorId: 1, purpose: null, stackLevel: null },
    ]);
    assert.deepEqual(facts('ClearChargingProfile', { id: 3 }, { status: 'Unknown' }), []);
    const schedule = { chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 11000 }] };
    assert.deepEqual(facts('GetCompositeSchedule', { connectorId: 2, duration: 60 }, { status: 'Accepted', scheduleStart: '2025-01-01T10:00:00Z', chargingSchedule: schedule }), [
      { type: 'CompositeScheduleReported', ...base, connectorId: 2, scheduleStart: AT, schedule: JSON.stringify(schedule) },
    ]);
  });

  it('has no facts for commands whose result is only the answer itself', () => {
    assert.deepEqual(facts('GetDiagnostics', { location: 'ftp://x' }, { fileName: 'd.zip' }), []);
    assert.deepEqual(facts('Reset', { type: 'Soft' }, { status: 'Accepted' }), []);
    assert.deepEqual(facts('GetLog', { logType: 'DiagnosticsLog', requestId: 1, log: { remoteLocation: 'ftp://x' } }, { status: 'Accepted', filename: 'l.zip' }), []);
    assert.deepEqual(facts('GetInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' }, { status: 'NotFound' }), []);
  });
});
