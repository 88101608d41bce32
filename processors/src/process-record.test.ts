import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandRequested, InboundFrame, InboundRecord } from '@csms/contracts';
import { applyOverlay, createOverlay, emptyPartitionMemory, readState } from './partition-memory.ts';
import { isIgnoredAnswer, processRecord as processSource, transactionIdCandidate, type RecordContext } from './process-record.ts';
import type { Overlay } from './partition-memory.ts';
import { restoreSnapshot, snapshotsOf } from './snapshots.ts';
import { AT, idTag, idTagTable, settings } from './deciders/fixtures.ts';

const context: RecordContext = {
  partition: 5, settings: settings(), tables: { idTags: idTagTable(idTag('T1')), chargePoints: new Map(), tariffs: new Map(), tariffAssignments: new Map() },
};

function call(action: string, payload: object, overrides: Partial<InboundFrame> = {}): InboundFrame {
  return {
    type: 'Frame', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT, protocol: 'ocpp1.6',
    raw: JSON.stringify([2, 'm1', action, payload]), messageTypeId: 2, messageId: 'm1', action,
    payload: JSON.stringify(payload), rejection: null, repliedByGateway: false, rawTruncated: null, ...overrides,
  };
}

function processRecord(record: InboundRecord, overlay: Overlay, recordContext: RecordContext) {
  return processSource({ source: 'inbound', record }, overlay, recordContext);
}

const startPayload = { connectorId: 1, idTag: 'T1', meterStart: 10, timestamp: '2025-01-01T09:00:00Z' };

describe('processRecord', () => {
  it('ignores rejected CALLs and answers to no pending command', () => {
    const overlay = createOverlay(emptyPartitionMemory());
    const rejected = call('Authorize', { idTag: 'T1' }, { rejection: { errorCode: 'FormationViolation', description: 'x' } });
    const answer = call('Authorize', {}, { messageTypeId: 3, action: null });
    for (const record of [rejected, answer]) {
      assert.deepEqual(processRecord(record, overlay, context), {
        replies: [], calls: [], stationEvents: [], sessionEvents: [], commandEvents: [], securityEvents: [], billingEvents: [], unpricedSessions: [],
      });
    }
  });

  it('routes a CALL to its decider and separates replies from domain events', () => {
    const output = processRecord(call('Authorize', { idTag: 'T1' }), createOverlay(emptyPartitionMemory()), context);
    assert.equal(output.replies[0]?.node, 3);
    assert.deepEqual(output.sessionEvents.map((e) => e.type), ['AuthorizationDecided']);
    assert.deepEqual(output.stationEvents, []);
  });

  it('answers the security extension\'s station messages and sends their facts to csms.security or csms.stations, with no state', () => {
    const memory = emptyPartitionMemory();
    memory.states.station.set('CP001', { status: 'Online', node: 3, connectionId: 'c1', registrationStatus: 'Accepted', securityProfile: 3 });
    const overlay = createOverlay(memory);
    const signing = { ...context, settings: settings({ certificateSigning: true }) };
    const outputs = [
      processRecord(call('SecurityEventNotification', { type: 'FirmwareUpdated', timestamp: '2025-01-01T10:00:00Z' }), overlay, context),
      processRecord(call('SignCertificate', { csr: 'PEM' }, { messageId: 'm2' }), overlay, signing),
      processRecord(call('LogStatusNotification', { status: 'Uploaded', requestId: 4 }), overlay, context),
      processRecord(call('SignedFirmwareStatusNotification', { status: 'SignatureVerified', requestId: 5 }), overlay, context),
    ];
    assert.deepEqual(outputs.map((o) => o.replies.map((r) => r.body)), [
      [{ kind: 'CallResult', payload: {} }], [{ kind: 'CallResult', payload: { status: 'Accepted' } }],
      [{ kind: 'CallResult', payload: {} }], [{ kind: 'CallResult', payload: {} }],
    ]);
    assert.deepEqual(outputs.map((o) => o.securityEvents.map((e) => e.type)), [
      ['SecurityEventReported'], ['CertificateSigningRequested'], [], [],
    ]);
    assert.deepEqual(outputs.map((o) => o.stationEvents.map((e) => e.type)), [[], [], ['LogStatusReported'], ['FirmwareStatusReported']]);
    assert.deepEqual(snapshotsOf(overlay), [], 'none of them changes what a processor remembers');
  });

  it('hands a CSR to the signer only from the station\'s current connection, and only when it proved profile 2 or 3', () => {
    const signing = { ...context, settings: settings({ certificateSigning: true }) };
    const connect = (connectionId: string, securityProfile: number | null): InboundRecord => ({
      type: 'Connected', chargePointId: 'CP001', node: 3, connectionId, at: AT, protocol: 'ocpp1.6', remoteAddress: null, securityProfile,
    });
    const sign = (overlay: Overlay, connectionId = 'c1') => {
      const output = processRecord(call('SignCertificate', { csr: 'PEM' }, { connectionId }), overlay, signing);
      return output.securityEvents.map((e) => (e.type === 'CertificateSigningRefused' ? e.reason : e.type));
    };
    const overlay = createOverlay(emptyPartitionMemory());
    assert.deepEqual(sign(overlay), ['CONNECTION_NOT_AUTHENTICATED'], 'no connection known');
    processRecord(connect('c1', 0), overlay, context);
    assert.deepEqual(sign(overlay), ['CONNECTION_NOT_AUTHENTICATED'], 'profile 0 proved nothing');
    processRecord(connect('c1', 2), overlay, context);
    assert.deepEqual(sign(overlay), ['CertificateSigningRequested']);
    assert.deepEqual(sign(overlay, 'c0'), ['CONNECTION_NOT_AUTHENTICATED'], 'a frame from an older socket');
    processRecord(connect('c2', null), overlay, context);
    assert.deepEqual(sign(overlay, 'c2'), ['CONNECTION_NOT_AUTHENTICATED'], 'a gateway that did not say');
  });

  it('hands out partition-unique transaction ids and advances the counter only on a new start', () => {
    const overlay = createOverlay(emptyPartitionMemory());
    const first = processRecord(call('StartTransaction', startPayload), overlay, context);
    const resent = processRecord(call('StartTransaction', startPayload, { messageId: 'm2' }), overlay, context);
    const second = processRecord(call('StartTransaction', { ...startPayload, connectorId: 2 }), overlay, context);
    const ids = [first, resent, second].map((o) => o.replies[0]?.body.kind === 'CallResult' && o.replies[0].body.payload);
    assert.deepEqual(ids.map((p) => p && 'transactionId' in p && p.transactionId), [6, 6, 18]);
    assert.equal(transactionIdCandidate(2, 11), 36);
    assert.equal(overlay.counter, 2);
  });

  it('leaves memory untouched until the overlay is applied', () => {
    const memory = emptyPartitionMemory();
    const overlay = createOverlay(memory);
    processRecord(call('StartTransaction', startPayload), overlay, context);
    assert.equal(memory.counter, 0);
    assert.equal(memory.states.sessions.size, 0);
    applyOverlay(overlay);
    assert.equal(memory.counter, 1);
    assert.equal(readState(createOverlay(memory), 'sessions', 'CP001').transactions.length, 1);
  });

  it('snapshots what changed and restores it into an empty partition', () => {
    const overlay = createOverlay(emptyPartitionMemory());
    processRecord(call('StartTransaction', startPayload), overlay, context);
    processRecord(call('Authorize', { idTag: 'T1' }), overlay, context);
    const snapshots = snapshotsOf(overlay);
    assert.deepEqual(snapshots.map((s) => s.key), ['sessions:CP001', 'counter:transactionId']);
    const restored = emptyPartitionMemory();
    for (const snapshot of snapshots) restoreSnapshot(restored, snapshot.key, snapshot.value);
    assert.equal(restored.counter, 1);
    assert.deepEqual(restored.states.sessions.get('CP001'), overlay.states.sessions.get('CP001'));
    restoreSnapshot(restored, 'sessions:CP001', null);
    assert.equal(restored.states.sessions.has('CP001'), false);
  });

  it('sends a command on the socket the station decider knows, and completes it with the answer', () => {
    const overlay = createOverlay(emptyPartitionMemory());
    processRecord({
      type: 'Connected', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT, protocol: 'ocpp1.6', remoteAddress: null,
      securityProfile: 0,
    }, overlay, context);
    const sent = processSource({ source: 'commandRequests', record: request('cmd-1', 'Reset', { type: 'Soft' }) }, overlay, context);
    assert.deepEqual(sent.commandEvents.map((e) => e.type), ['CommandRequested', 'CommandSent']);
    assert.deepEqual(sent.calls.map((c) => [c.node, c.connectionId, c.messageId]), [[3, 'c1', 'cmd-1']]);
    const answer = { source: 'inbound', record: call('', { status: 'Accepted' }, { messageTypeId: 3, messageId: 'cmd-1', action: 'Reset', at: AT + 500 }) } as const;
    const done = processSource(answer, overlay, context);
    assert.deepEqual(done.commandEvents.map((e) => e.type === 'CommandCompleted' && e.outcome), ['Accepted']);
    assert.equal(isIgnoredAnswer(answer, done), false);
    const again = processSource(answer, overlay, context);
    assert.deepEqual(again.commandEvents, [], 'a second answer completes nothing');
    assert.equal(isIgnoredAnswer(answer, again), true);
  });

  it('hands the facts of an answer to the decider its CSMS-call row names, after the completion, with no state', () => {
    const overlay = createOverlay(emptyPartitionMemory());
    processRecord({
      type: 'Connected', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT, protocol: 'ocpp1.6', remoteAddress: null,
      securityProfile: 0,
    }, overlay, context);
    processSource({ source: 'commandRequests', record: request('cmd-4', 'ChangeConfiguration', { key: 'K', value: 'v' }) }, overlay, context);
    const answer = call('', { status: 'Rejected' }, { messageTypeId: 3, messageId: 'cmd-4', action: 'ChangeConfiguration', at: AT + 500 });
    const done = processRecord(answer, overlay, context);
    assert.deepEqual(done.commandEvents.map((e) => e.type === 'CommandCompleted' && e.outcome), ['Rejected']);
    assert.deepEqual(done.stationEvents, [
      { type: 'ConfigurationChanged', chargePointId: 'CP001', at: AT + 500, key: 'K', value: 'v', status: 'Rejected' },
    ]);
    assert.deepEqual(processRecord(answer, overlay, context).stationEvents, [], 'a second answer informs nothing');
    assert.deepEqual(snapshotsOf(overlay).map((s) => s.key).sort(), ['commands:CP001', 'station:CP001']);
  });

  it('fails a command fast when the station decider has no socket for the station', () => {
    const output = processSource({ source: 'commandRequests', record: request('cmd-2', 'Reset', { type: 'Hard' }) }, createOverlay(emptyPartitionMemory()), context);
    assert.deepEqual(output.calls, []);
    assert.deepEqual(output.commandEvents.map((e) => e.type === 'CommandCompleted' ? e.outcome : e.type), ['CommandRequested', 'NotConnected']);
  });

  it('ends a reservation when a start uses it, once, and snapshots the commands state', () => {
    const overlay = createOverlay(emptyPartitionMemory());
    processRecord({
      type: 'Connected', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT, protocol: 'ocpp1.6', remoteAddress: null,
      securityProfile: 0,
    }, overlay, context);
    const reserve = { connectorId: 1, expiryDate: '2025-01-01T11:00:00Z', idTag: 'T1', reservationId: 77 };
    processSource({ source: 'commandRequests', record: request('cmd-3', 'ReserveNow', reserve) }, overlay, context);
    const made = processRecord(call('', { status: 'Accepted' }, { messageTypeId: 3, messageId: 'cmd-3', action: 'ReserveNow' }), overlay, context);
    assert.deepEqual(made.stationEvents.map((e) => e.type), ['ReservationMade']);
    const start = processRecord(call('StartTransaction', { ...startPayload, reservationId: 77 }), overlay, context);
    assert.deepEqual(start.stationEvents, [{
      type: 'ReservationEnded', chargePointId: 'CP001', at: AT, reservationId: 77, reason: 'Used', transactionId: transactionIdCandidate(0, 5),
    }]);
    const resent = processRecord(call('StartTransaction', { ...startPayload, reservationId: 77 }, { messageId: 'm9' }), overlay, context);
    assert.deepEqual(resent.stationEvents, []);
    assert.ok(snapshotsOf(overlay).some((s) => s.key === 'commands:CP001'));
  });
});

function request(commandId: string, action: string, payload: object): CommandRequested {
  return { type: 'CommandRequested', chargePointId: 'CP001', at: AT, commandId, action, payload: JSON.stringify(payload), timeoutSeconds: 30, requestedBy: null };
}
