// One record through its deciders, for a station that speaks OCPP 2.0.1: its CALLs go by the 2.0.1
// table, an operator's command is checked against it, and its answers are read by it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandRequested, InboundFrame, InboundRecord } from '@csms/contracts';
import { createOverlay, emptyPartitionMemory, type Overlay } from './partition-memory.ts';
import { processRecord, type RecordContext } from './process-record.ts';
import { AT, idTag, idTagTable, settings } from './deciders/fixtures.ts';

const context: RecordContext = {
  partition: 5, settings: settings(), tables: { idTags: idTagTable(idTag('T1', { idTokenType: 'ISO14443' })), chargePoints: new Map(), tariffs: new Map(), tariffAssignments: new Map() },
};

function frame(overrides: Partial<InboundFrame> & Pick<InboundFrame, 'messageTypeId' | 'messageId'>, payload: object): InboundFrame {
  return {
    type: 'Frame', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT, protocol: 'ocpp2.0.1', raw: '[]', action: null,
    payload: JSON.stringify(payload), rejection: null, repliedByGateway: false, rawTruncated: null, ...overrides,
  };
}

/** A CALL of the station; `repliedByGateway` for the ones its row has the gateway answer. */
function call(action: string, payload: object, repliedByGateway = false): InboundFrame {
  return frame({ messageTypeId: 2, messageId: `m-${action}`, action, repliedByGateway }, payload);
}

function answer(commandId: string, payload: object): InboundFrame {
  return frame({ messageTypeId: 3, messageId: commandId, at: AT + 500 }, payload);
}

function request(commandId: string, action: string, payload: object): CommandRequested {
  return { type: 'CommandRequested', chargePointId: 'CP001', at: AT, commandId, action, payload: JSON.stringify(payload), timeoutSeconds: 30, requestedBy: null };
}

const connected: InboundRecord = {
  type: 'Connected', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT, protocol: 'ocpp2.0.1', remoteAddress: null, securityProfile: 2,
};

function inbound(record: InboundRecord, overlay: Overlay) {
  return processRecord({ source: 'inbound', record }, overlay, context);
}

function connectedOverlay(): Overlay {
  const overlay = createOverlay(emptyPartitionMemory());
  inbound(connected, overlay);
  return overlay;
}

describe('processRecord, OCPP 2.0.1', () => {
  it('answers the station\'s own CALLs by the 2.0.1 table, and only those the gateway did not answer', () => {
    const overlay = connectedOverlay();
    const boot = inbound(call('BootNotification', { chargingStation: { vendorName: 'Acme', model: 'X2' }, reason: 'PowerUp' }), overlay);
    assert.deepEqual(boot.stationEvents.map((e) => e.type === 'StationBooted' && e.bootReason), ['PowerUp']);
    assert.deepEqual(boot.replies.map((r) => r.body.kind === 'CallResult' && 'status' in r.body.payload && r.body.payload.status), ['Accepted']);
    const authorized = inbound(call('Authorize', { idToken: { idToken: 'T1', type: 'ISO14443' } }), overlay);
    assert.deepEqual(authorized.sessionEvents.map((e) => e.type === 'AuthorizationDecided' && [e.status, e.idTokenType]), [['Accepted', 'ISO14443']]);
    assert.deepEqual(authorized.replies.map((r) => r.body), [{ kind: 'CallResult', payload: { idTokenInfo: { status: 'Accepted' } } }]);
    const status = inbound(call('StatusNotification', { timestamp: '2025-01-01T10:00:00Z', connectorStatus: 'Available', evseId: 1, connectorId: 2 }, true), overlay);
    assert.deepEqual(status.stationEvents.map((e) => e.type === 'ConnectorStatusChanged' && [e.connectorId, e.evseConnectorId]), [[1, 2]]);
    const report = inbound(call('NotifyReport', { requestId: 1, generatedAt: '2025-01-01T10:00:00Z', seqNo: 0 }, true), overlay);
    assert.deepEqual(report.stationEvents.map((e) => e.type), ['VariablesReported']);
    assert.deepEqual([status.replies, report.replies], [[], []]);
  });

  it('sends an operator\'s 2.0.1 command, hands what its answer reports to the device model, and fails a 1.6 one', () => {
    const overlay = connectedOverlay();
    const setVariables = { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '120' }] };
    const sent = processRecord({ source: 'commandRequests', record: request('cmd-1', 'SetVariables', setVariables) }, overlay, context);
    assert.deepEqual(sent.calls.map((c) => c.action), ['SetVariables']);
    const result = { attributeStatus: 'Accepted', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
    const done = inbound(answer('cmd-1', { setVariableResult: [result] }), overlay);
    assert.deepEqual(done.commandEvents.map((e) => e.type === 'CommandCompleted' && e.outcome), ['Accepted']);
    assert.deepEqual(done.stationEvents.map((e) => e.type === 'VariablesReported' && [e.source, e.variables.map((v) => [v.variable, v.value, v.status])]), [
      ['SetVariables', [['HeartbeatInterval', '120', 'Accepted']]],
    ]);
    const refused = processRecord({ source: 'commandRequests', record: request('cmd-2', 'ChangeConfiguration', { key: 'K', value: 'v' }) }, overlay, context);
    assert.deepEqual(refused.calls, []);
    assert.deepEqual(refused.commandEvents.map((e) => e.type === 'CommandCompleted' && e.errorCode), [false, 'NotSupported']);
  });

  it('makes a reservation the station accepted, and ends it when the station reports it removed', () => {
    const overlay = connectedOverlay();
    const reserve = { id: 4, expiryDateTime: '2025-01-01T11:00:00Z', idToken: { idToken: 'T1', type: 'ISO14443' }, evseId: 1 };
    processRecord({ source: 'commandRequests', record: request('cmd-3', 'ReserveNow', reserve) }, overlay, context);
    const made = inbound(answer('cmd-3', { status: 'Accepted' }), overlay);
    assert.deepEqual(made.stationEvents.map((e) => e.type === 'ReservationMade' && [e.reservationId, e.connectorId, e.evseId, e.idTokenType]), [[4, 1, 1, 'ISO14443']]);
    const removed = inbound(call('ReservationStatusUpdate', { reservationId: 4, reservationUpdateStatus: 'Removed' }, true), overlay);
    assert.deepEqual(removed.stationEvents.map((e) => e.type === 'ReservationEnded' && e.reason), ['Cancelled']);
    assert.deepEqual(removed.replies, []);
    assert.deepEqual(inbound(call('ReservationStatusUpdate', { reservationId: 4, reservationUpdateStatus: 'Removed' }, true), overlay).stationEvents, []);
  });
});
