import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpec } from './decider-spec.ts';
import { firmwareDiagnosticsDecider, type FirmwareDiagnosticsEvent } from './firmware-diagnostics.ts';
import { AT, frame } from './fixtures.ts';

const spec = deciderSpec(firmwareDiagnosticsDecider);

function reply(payload: object): FirmwareDiagnosticsEvent {
  return { type: 'Replied', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', messageId: 'm1', body: { kind: 'CallResult', payload } };
}

describe('firmware and diagnostics decider', () => {
  it('records firmware and diagnostics progress and answers with an empty payload', () => {
    spec.given([]).when({ type: 'FirmwareStatusNotification', frame: frame(), payload: { status: 'Installing' } })
      .then([{ type: 'FirmwareStatusReported', chargePointId: 'CP001', at: AT, status: 'Installing', requestId: null }, reply({})]);
    spec.given([]).when({ type: 'DiagnosticsStatusNotification', frame: frame(), payload: { status: 'Uploaded' } })
      .thenState((state, events) => {
        assert.deepEqual(events, [
          { type: 'DiagnosticsStatusReported', chargePointId: 'CP001', at: AT, status: 'Uploaded', fileName: null }, reply({}),
        ]);
        assert.equal(state, null);
      });
  });

  it('records signed firmware progress as firmware progress, with the SignedUpdateFirmware requestId', () => {
    spec.given([]).when({
      type: 'SignedFirmwareStatusNotification', frame: frame(), payload: { status: 'InvalidSignature', requestId: 7 },
    }).then([{ type: 'FirmwareStatusReported', chargePointId: 'CP001', at: AT, status: 'InvalidSignature', requestId: 7 }, reply({})]);
    spec.given([]).when({ type: 'SignedFirmwareStatusNotification', frame: frame(), payload: { status: 'Idle' } })
      .then([{ type: 'FirmwareStatusReported', chargePointId: 'CP001', at: AT, status: 'Idle', requestId: null }, reply({})]);
  });

  it('records log upload progress with the GetLog requestId, and keeps no state', () => {
    spec.given([]).when({ type: 'LogStatusNotification', frame: frame(), payload: { status: 'Uploading', requestId: 3 } })
      .thenState((state, events) => {
        assert.deepEqual(events, [
          { type: 'LogStatusReported', chargePointId: 'CP001', at: AT, status: 'Uploading', requestId: 3 }, reply({}),
        ]);
        assert.equal(state, null);
      });
    spec.given([]).when({ type: 'LogStatusNotification', frame: frame(), payload: { status: 'Idle' } })
      .then([{ type: 'LogStatusReported', chargePointId: 'CP001', at: AT, status: 'Idle', requestId: null }, reply({})]);
  });
});
