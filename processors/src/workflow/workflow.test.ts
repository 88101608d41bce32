// The workflow between deciders, one Given/When/Then spec per policy: given the states of the
// record's charge point (the view), when a record arrives or its own decider has decided, then
// what the policy hands on.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandCompleted, CommandRequested, InboundFrame, TransactionStarted } from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import { initialCommandsState } from '../deciders/commands-state.ts';
import type { StationState } from '../deciders/station.ts';
import { createOverlay, emptyPartitionMemory } from '../partition-memory.ts';
import { processRecord } from '../process-record.ts';
import { runRoutes } from '../run-route.ts';
import { AT, idTag, idTagTable, settings } from '../deciders/fixtures.ts';
import { sampled, stationAssignment, stopped, tariffs } from '../deciders/billing-fixtures.ts';
import { sessionsAreBilled } from './sessions-are-billed.ts';
import {
  answerInformsItsConcern, commandGoesToTheSocket, connectionProfile, startUsesItsReservation, timePasses,
  transactionIdCandidate, transactionIds, type WorkflowView,
} from './policies.ts';

const noTables = { idTags: new Map(), chargePoints: new Map(), tariffs: new Map(), tariffAssignments: new Map() };
const noView: WorkflowView = { station: { status: 'Unknown' }, commands: initialCommandsState, counter: 0, partition: 5 };
const online: StationState = { status: 'Online', node: 3, connectionId: 'c1', registrationStatus: 'Accepted', securityProfile: 3 };

/** Given the view, when the policy gets its input, then it hands on `expected`. */
function policy<I, O>(react: (input: I, view: WorkflowView) => O) {
  return {
    given: (view: Partial<WorkflowView> = {}) => ({
      when: (input: I) => ({ then: (expected: O) => assert.deepEqual(react(input, { ...noView, ...view }), expected) }),
    }),
  };
}

function frame(overrides: Partial<InboundFrame> = {}): InboundFrame {
  return {
    type: 'Frame', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT, protocol: 'ocpp1.6', raw: '[2,"m1","SignCertificate",{"csr":"PEM"}]',
    messageTypeId: 2, messageId: 'm1', action: 'SignCertificate', payload: '{"csr":"PEM"}', rejection: null, repliedByGateway: false,
    rawTruncated: null, ...overrides,
  };
}

function requested(commandId: string, action: string, payload: object): CommandRequested {
  return { type: 'CommandRequested', chargePointId: 'CP001', at: AT, commandId, action, payload: JSON.stringify(payload), timeoutSeconds: 30, requestedBy: null };
}

function started(transactionId: number, reservationId: number | null): TransactionStarted {
  return {
    type: 'TransactionStarted', chargePointId: 'CP001', at: AT, transactionId, connectorId: 1, idTag: 'T1', idTagStatus: 'Accepted',
    meterStartWh: 10, startedAt: AT - 1000, reservationId, ...ocpp16Detail.TransactionStarted,
  };
}

const reserve = { connectorId: 1, expiryDate: '2025-01-01T11:00:00Z', idTag: 'T1', reservationId: 77 };

describe('workflow between deciders', () => {
  it('time-passes: every record tells the commands decider, then the reservations decider, then billing, what time it is', () => {
    const inputs = { tables: noTables, settings: settings() };
    assert.deepEqual(timePasses({ chargePointId: 'CP001', at: AT }, inputs), [
      { decider: 'commands', command: { type: 'Observe', chargePointId: 'CP001', at: AT } },
      { decider: 'reservations', command: { type: 'Observe', chargePointId: 'CP001', at: AT } },
      { decider: 'billing', command: { type: 'Observe', chargePointId: 'CP001', at: AT, tariffs: noTables.tariffs, settings: inputs.settings } },
    ]);
  });

  it('command-goes-to-the-socket: an operator\'s request goes to the connection the station decider knows, or to none', () => {
    const request = requested('k1', 'Reset', { type: 'Soft' });
    policy(commandGoesToTheSocket).given({ station: online }).when(request)
      .then({ decider: 'commands', command: { type: 'Request', request, connection: { node: 3, connectionId: 'c1', protocol: 'ocpp1.6' } } });
    policy(commandGoesToTheSocket).given().when(request).then({ decider: 'commands', command: { type: 'Request', request, connection: null } });
  });

  it('csr-needs-a-proven-connection: a record carries the profile its connection proved, only while it is the station\'s current one', () => {
    policy(connectionProfile).given({ station: online }).when(frame()).then(3);
    policy(connectionProfile).given({ station: online }).when(frame({ connectionId: 'c0' })).then(null);
    policy(connectionProfile).given({ station: { ...online, securityProfile: null } }).when(frame()).then(null);
    policy(connectionProfile).given().when(frame()).then(null);
  });

  it('start-uses-its-reservation: a start naming a reservation uses it, with the transaction it became', () => {
    policy(startUsesItsReservation).given().when([started(42, 77)]).then([{
      decider: 'reservations', command: { type: 'UseReservation', chargePointId: 'CP001', at: AT, reservationId: 77, transactionId: 42 },
    }]);
    policy(startUsesItsReservation).given().when([started(42, null)]).then([]);
  });

  it('transaction-ids: the counter moves only when a start took the candidate', () => {
    const candidate = transactionIdCandidate(2, 5);
    policy(transactionIds).given({ counter: 2 }).when([started(candidate, null)]).then(3);
    policy(transactionIds).given({ counter: 2 }).when([started(16, null)]).then(2);
    policy(transactionIds).given({ counter: 2 }).when([]).then(2);
  });

  it('answer-informs-its-concern: a valid answer goes, with the request it answers, to the decider its row names', () => {
    const commands = {
      ...initialCommandsState, pending: [{ commandId: 'k1', action: 'ReserveNow', messageId: 'k1', payload: JSON.stringify(reserve), deadline: AT + 30_000 }],
    };
    const answer = frame({ messageTypeId: 3, messageId: 'k1', action: 'ReserveNow', payload: '{"status":"Accepted"}', raw: '[3,"k1",{"status":"Accepted"}]' });
    const completed: CommandCompleted = {
      type: 'CommandCompleted', chargePointId: 'CP001', at: AT, commandId: 'k1', action: 'ReserveNow', outcome: 'Accepted',
      response: '{"status":"Accepted"}', errorCode: null, errorDescription: null,
    };
    const route = { decider: 'commands', command: { type: 'Answer', frame: answer } } as const;
    policy(answerInformsItsConcern).given({ commands }).when({ route, events: [completed] }).then([{
      decider: 'reservations',
      command: {
        type: 'AnswerReceived', chargePointId: 'CP001', at: AT, protocol: 'ocpp1.6', action: 'ReserveNow', request: JSON.stringify(reserve),
        response: '{"status":"Accepted"}', outcome: 'Accepted',
      },
    }]);
    policy(answerInformsItsConcern).given({ commands }).when({ route, events: [{ ...completed, outcome: 'Failed' }] }).then([]);
  });

  it('sessions-are-billed: a start goes to billing with the tariff resolved for it, then its samples, updates and stop; without a tariff, not the start', () => {
    const tables = { ...noTables, idTags: idTagTable(idTag('T1', { parentIdTag: 'FLEET' })), tariffs, tariffAssignments: new Map([['station:CP001', stationAssignment]]) };
    const inputs = { tables, settings: settings() };
    const start = started(42, null);
    const sample = sampled(10, 3000);
    const stop = stopped(30, 7000);
    assert.deepEqual(sessionsAreBilled([start, sample, stop], inputs), [
      { decider: 'billing', command: { type: 'Start', started: start, tariff: { tariffId: 'AC', groupIdToken: 'FLEET' } } },
      { decider: 'billing', command: { type: 'Sample', sampled: sample, tariffs, settings: inputs.settings } },
      { decider: 'billing', command: { type: 'Stop', stopped: stop, tariff: null, tariffs, settings: inputs.settings } },
    ]);
    assert.deepEqual(sessionsAreBilled([start], { ...inputs, tables: { ...tables, tariffAssignments: new Map() } }), []);
    assert.deepEqual(sessionsAreBilled([sampled(10, 3000, null)], inputs), [], 'meter values outside a transaction bill nothing');
    const unknown = stopped(30, 7000, { connectorId: null });
    assert.deepEqual(sessionsAreBilled([unknown], inputs), [{
      decider: 'billing', command: { type: 'Stop', stopped: unknown, tariff: { tariffId: 'AC', groupIdToken: 'FLEET' }, tariffs, settings: inputs.settings },
    }], 'a stop whose start was never seen carries the tariff resolved from what it names');
  });

  it('end to end: the station accepts a ReserveNow, the command completes and then the reservation is made', () => {
    const overlay = createOverlay(emptyPartitionMemory());
    const context = { partition: 5, settings: settings(), tables: { idTags: new Map(), chargePoints: new Map(), tariffs: new Map(), tariffAssignments: new Map() } };
    processRecord({
      source: 'inbound',
      record: { type: 'Connected', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT, protocol: 'ocpp1.6', remoteAddress: null, securityProfile: 0 },
    }, overlay, context);
    processRecord({ source: 'commandRequests', record: requested('k1', 'ReserveNow', reserve) }, overlay, context);
    const answer = frame({ messageTypeId: 3, messageId: 'k1', action: null, payload: '{"status":"Accepted"}', raw: '[3,"k1",{"status":"Accepted"}]', at: AT + 1000 });
    const output = processRecord({ source: 'inbound', record: answer }, overlay, context);
    assert.deepEqual(output.commandEvents, [{
      type: 'CommandCompleted', chargePointId: 'CP001', at: AT + 1000, commandId: 'k1', action: 'ReserveNow', outcome: 'Accepted',
      response: '{"status":"Accepted"}', errorCode: null, errorDescription: null,
    }]);
    assert.deepEqual(output.stationEvents, [{
      type: 'ReservationMade', chargePointId: 'CP001', at: AT + 1000, reservationId: 77, connectorId: 1, idTag: 'T1',
      parentIdTag: null, expiryDate: Date.parse('2025-01-01T11:00:00Z'), ...ocpp16Detail.ReservationMade,
    }]);
  });
});

describe('workflow between deciders, OCPP 2.0.1', () => {
  it('command-goes-to-the-socket: the connection a request goes to says the protocol it speaks, which a legacy state does not: 1.6', () => {
    const request = requested('k1', 'GetVariables', { getVariableData: [] });
    policy(commandGoesToTheSocket).given({ station: { ...online, protocol: 'ocpp2.0.1' } }).when(request)
      .then({ decider: 'commands', command: { type: 'Request', request, connection: { node: 3, connectionId: 'c1', protocol: 'ocpp2.0.1' } } });
  });

  it('start-uses-its-reservation: a 2.0.1 reservation the station accepted is used by the transaction that names it', () => {
    const overlay = createOverlay(emptyPartitionMemory());
    const context = { partition: 5, settings: settings(), tables: { idTags: new Map(), chargePoints: new Map(), tariffs: new Map(), tariffAssignments: new Map() } };
    processRecord({
      source: 'inbound',
      record: { type: 'Connected', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT, protocol: 'ocpp2.0.1', remoteAddress: null, securityProfile: 0 },
    }, overlay, context);
    const reserve201 = { id: 77, expiryDateTime: '2025-01-01T11:00:00Z', idToken: { idToken: 'T1', type: 'ISO14443' }, evseId: 1 };
    processRecord({ source: 'commandRequests', record: requested('k1', 'ReserveNow', reserve201) }, overlay, context);
    const answer = frame({
      protocol: 'ocpp2.0.1', messageTypeId: 3, messageId: 'k1', action: null, payload: '{"status":"Accepted"}', raw: '[3,"k1",{"status":"Accepted"}]', at: AT + 1000,
    });
    assert.deepEqual(processRecord({ source: 'inbound', record: answer }, overlay, context).stationEvents.map((e) => e.type), ['ReservationMade']);
    // What the sessions decider makes of a TransactionEvent(Started) that names the reservation.
    const start: TransactionStarted = {
      ...started(42, 77), stationTransactionId: 'tx-9', evseConnectorId: 1, idTokenType: 'ISO14443', seqNo: 0, triggerReason: 'Authorized',
    };
    assert.deepEqual(runRoutes(startUsesItsReservation([start]), overlay, 'CP001'), [
      { type: 'ReservationEnded', chargePointId: 'CP001', at: AT, reservationId: 77, reason: 'Used', transactionId: 42 },
    ]);
    assert.deepEqual(runRoutes(startUsesItsReservation([start]), overlay, 'CP001'), [], 'used once');
  });
});
