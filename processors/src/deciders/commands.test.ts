import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandCompleted, CommandRequested, InboundCallUndelivered, InboundFrame, UndeliveredReason } from '@csms/contracts';
import { deciderSpec } from './decider-spec.ts';
import { commandsDecider, type CommandsDeciderEvent } from './commands.ts';
import { DEADLINE_GRACE_MS, MAX_PENDING_COMMANDS } from './commands-state.ts';
import { AT } from './fixtures.ts';

const spec = deciderSpec(commandsDecider);
const connection = { node: 4, connectionId: 'c7', protocol: 'ocpp1.6' };

function requested(commandId: string, action: string, payload: object = {}): CommandRequested {
  return { type: 'CommandRequested', chargePointId: 'CP001', at: AT, commandId, action, payload: JSON.stringify(payload), timeoutSeconds: 30, requestedBy: null };
}

/** The events of a command sent on `connection`. */
function sent(commandId: string, action: string, payload: object = {}): CommandsDeciderEvent[] {
  return [
    requested(commandId, action, payload),
    { type: 'CommandSent', chargePointId: 'CP001', at: AT, commandId, action, node: 4, connectionId: 'c7', messageId: commandId },
    {
      type: 'OutboundCall', chargePointId: 'CP001', at: AT, node: 4, connectionId: 'c7', messageId: commandId, commandId, action,
      payload: JSON.stringify(payload), deadline: AT + 30_000,
    },
  ];
}

function answer(messageId: string, response: object, overrides: Partial<InboundFrame> = {}): InboundFrame {
  return {
    type: 'Frame', chargePointId: 'CP001', node: 4, connectionId: 'c7', at: AT + 1000, protocol: 'ocpp1.6',
    raw: JSON.stringify([3, messageId, response]), messageTypeId: 3, messageId, action: null,
    payload: JSON.stringify(response), rejection: null, repliedByGateway: false, rawTruncated: null, ...overrides,
  };
}

function completed(commandId: string, action: string, fields: Partial<CommandCompleted>): CommandCompleted {
  return {
    type: 'CommandCompleted', chargePointId: 'CP001', at: AT + 1000, commandId, action, outcome: 'Accepted',
    response: null, errorCode: null, errorDescription: null, ...fields,
  };
}

function undelivered(messageId: string, reason: UndeliveredReason): InboundCallUndelivered {
  return { type: 'CallUndelivered', chargePointId: 'CP001', node: 4, connectionId: 'c7', at: AT + 1000, messageId, reason };
}

/** Types of the events, with a completion shown as its outcome. */
function shape(events: readonly CommandsDeciderEvent[]): string[] {
  return events.map((e) => (e.type === 'CommandCompleted' ? `${e.type}:${e.outcome}` : e.type));
}

describe('commands decider: sending', () => {
  it('sends the call on the station\'s socket, with the commandId as messageId, and keeps it pending', () => {
    spec.given([]).when({ type: 'Request', request: requested('k1', 'Reset', { type: 'Soft' }), connection })
      .then(sent('k1', 'Reset', { type: 'Soft' }));
    spec.given([]).when({ type: 'Request', request: requested('k1', 'Reset'), connection }).thenState((state) => {
      assert.deepEqual(state.pending, [{ commandId: 'k1', action: 'Reset', messageId: 'k1', payload: '{}', deadline: AT + 30_000 }]);
    });
  });

  it('fails fast when the station is not connected, keeping nothing', () => {
    spec.given([]).when({ type: 'Request', request: requested('k1', 'Reset'), connection: null }).thenState((state, events) => {
      assert.deepEqual(events, [requested('k1', 'Reset'), { ...completed('k1', 'Reset', { outcome: 'NotConnected' }), at: AT }]);
      assert.deepEqual(state.pending, []);
    });
  });

  it('refuses an action that is not a CSMS command or a payload that is not JSON, and ignores a request already pending', () => {
    spec.given([]).when({ type: 'Request', request: requested('k1', 'BootNotification'), connection }).thenState((_state, events) => {
      assert.deepEqual(shape(events), ['CommandRequested', 'CommandCompleted:Failed']);
      assert.equal(events[1]?.type === 'CommandCompleted' && events[1].errorCode, 'NotSupported');
    });
    spec.given(sent('k1', 'Reset')).when({ type: 'Request', request: requested('k1', 'Reset'), connection }).then([]);
    const garbled = { ...requested('k2', 'Reset'), payload: '[1' };
    spec.given([]).when({ type: 'Request', request: garbled, connection }).thenState((state, events) => {
      assert.deepEqual(shape(events), ['CommandRequested', 'CommandCompleted:Failed']);
      assert.deepEqual(state.pending, []);
    });
  });

  it('fails a command past the station\'s limit of pending ones, keeping the state as it was', () => {
    const full = Array.from({ length: MAX_PENDING_COMMANDS }, (_, i) => sent(`p${i}`, 'SendLocalList', { listVersion: i, updateType: 'Full' })).flat();
    spec.given(full).when({ type: 'Request', request: requested('k1', 'Reset'), connection }).thenState((state, events) => {
      assert.deepEqual(events, [requested('k1', 'Reset'), {
        ...completed('k1', 'Reset', { outcome: 'Failed', errorCode: 'TooManyPendingCommands' }), at: AT,
        errorDescription: `the station has ${MAX_PENDING_COMMANDS} commands awaiting its answer`,
      }]);
      assert.equal(state.pending.length, MAX_PENDING_COMMANDS);
    });
    spec.given(full.slice(3)).when({ type: 'Request', request: requested('k1', 'Reset'), connection }).then(sent('k1', 'Reset'));
  });
});

describe('commands decider: completing', () => {
  it('completes by the status of the answer: Accepted, Unlocked, RebootRequired or none are accepted', () => {
    for (const [response, outcome] of [
      [{ status: 'Accepted' }, 'Accepted'], [{ status: 'Unlocked' }, 'Accepted'], [{ status: 'RebootRequired' }, 'Accepted'],
      [{}, 'Accepted'], [{ status: 'Rejected' }, 'Rejected'], [{ status: 'UnlockFailed' }, 'Rejected'],
    ] as const) {
      spec.given(sent('k1', 'UnlockConnector')).when({ type: 'Answer', frame: answer('k1', response) }).thenState((state, events) => {
        assert.deepEqual(events, [completed('k1', 'UnlockConnector', { outcome, response: JSON.stringify(response) })]);
        assert.deepEqual(state.pending, []);
      });
    }
  });

  it('sends the security extension\'s commands and completes them with the answer kept, AcceptedCanceled as accepted', () => {
    const getLog = { logType: 'SecurityLog', requestId: 1, log: { remoteLocation: 'https://logs.example.com/upload' } };
    spec.given([]).when({ type: 'Request', request: requested('k1', 'GetLog', getLog), connection }).then(sent('k1', 'GetLog', getLog));
    const cases = [
      ['GetLog', { status: 'AcceptedCanceled', filename: 'security.log' }, 'Accepted'],
      ['SignedUpdateFirmware', { status: 'InvalidCertificate' }, 'Rejected'],
      ['GetInstalledCertificateIds', { status: 'Accepted', certificateHashData: [] }, 'Accepted'],
      ['GetInstalledCertificateIds', { status: 'NotFound' }, 'Rejected'],
      ['DeleteCertificate', { status: 'Failed' }, 'Rejected'],
      ['InstallCertificate', { status: 'Accepted' }, 'Accepted'],
      ['CertificateSigned', { status: 'Rejected' }, 'Rejected'],
      ['ExtendedTriggerMessage', { status: 'NotImplemented' }, 'Rejected'],
    ] as const;
    for (const [action, response, outcome] of cases) {
      spec.given(sent('k1', action)).when({ type: 'Answer', frame: answer('k1', response) }).thenState((state, events) => {
        assert.deepEqual(events, [completed('k1', action, { outcome, response: JSON.stringify(response) })], action);
        assert.deepEqual(state.pending, []);
      });
    }
  });

  it('fails on a CALLERROR, with its code and description', () => {
    const error = { errorCode: 'NotImplemented', errorDescription: 'no reset here', errorDetails: {} };
    spec.given(sent('k1', 'Reset')).when({ type: 'Answer', frame: answer('k1', error, { messageTypeId: 4 }) }).then([
      completed('k1', 'Reset', { outcome: 'Failed', response: JSON.stringify(error), errorCode: 'NotImplemented', errorDescription: 'no reset here' }),
    ]);
  });

  it('fails on an answer the gateway found invalid, without its facts', () => {
    const frame = answer('k1', { status: 'Maybe' }, { rejection: { errorCode: 'PropertyConstraintViolation', description: 'status' } });
    spec.given(sent('k1', 'ReserveNow')).when({ type: 'Answer', frame }).then([
      completed('k1', 'ReserveNow', {
        outcome: 'Failed', response: '{"status":"Maybe"}', errorCode: 'PropertyConstraintViolation', errorDescription: 'status',
      }),
    ]);
  });

  it('completes what the gateway could not deliver, by its reason', () => {
    const outcomes = [
      ['Timeout', 'TimedOut'], ['ConnectionGone', 'NotConnected'], ['QueueFull', 'Failed'], ['SecretUnavailable', 'Failed'],
    ] as const;
    for (const [reason, outcome] of outcomes) {
      spec.given(sent('k1', 'Reset')).when({ type: 'Undelivered', record: undelivered('k1', reason) }).thenState((state, events) => {
        assert.deepEqual(shape(events), [`CommandCompleted:${outcome}`]);
        assert.deepEqual(state.pending, []);
      });
    }
    spec.given(sent('k1', 'Reset')).when({ type: 'Undelivered', record: undelivered('k1', 'QueueFull') })
      .thenState((_state, events) => assert.equal(events[0]?.type === 'CommandCompleted' && events[0].errorCode, 'QueueFull'));
    spec.given(sent('k1', 'ChangeConfiguration')).when({ type: 'Undelivered', record: undelivered('k1', 'SecretUnavailable') })
      .thenState((_state, events) => assert.equal(events[0]?.type === 'CommandCompleted' && events[0].errorCode, 'SecretUnavailable'));
  });

  it('times a command out on any record past its deadline and grace, and ignores the late answer', () => {
    const deadline = AT + 30_000 + DEADLINE_GRACE_MS;
    spec.given(sent('k1', 'Reset')).when({ type: 'Observe', chargePointId: 'CP001', at: deadline }).then([]);
    spec.given(sent('k1', 'Reset')).when({ type: 'Observe', chargePointId: 'CP001', at: deadline + 1 })
      .then([{ ...completed('k1', 'Reset', { outcome: 'TimedOut' }), at: deadline + 1 }]);
    const timedOut = { ...completed('k1', 'Reset', { outcome: 'TimedOut' }), at: deadline + 1 };
    spec.given([...sent('k1', 'Reset'), timedOut]).when({ type: 'Answer', frame: answer('k1', { status: 'Accepted' }) }).then([]);
    spec.given([...sent('k1', 'Reset'), timedOut]).when({ type: 'Undelivered', record: undelivered('k1', 'Timeout') }).then([]);
  });

  it('ignores an answer to a call it never sent', () => {
    spec.given(sent('k1', 'Reset')).when({ type: 'Answer', frame: answer('other', { status: 'Accepted' }) }).thenState((state, events) => {
      assert.deepEqual(events, []);
      assert.equal(state.pending.length, 1);
    });
  });
});

describe('commands decider, OCPP 2.0.1', () => {
  const connection201 = { ...connection, protocol: 'ocpp2.0.1' };
  const answer201 = (messageId: string, response: object, overrides: Partial<InboundFrame> = {}) =>
    answer(messageId, response, { protocol: 'ocpp2.0.1', ...overrides });
  const getVariables = { getVariableData: [{ component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' } }] };

  it('sends a call of the station\'s protocol, and fails one only the other version has, as a call the station cannot know', () => {
    spec.given([]).when({ type: 'Request', request: requested('k1', 'GetVariables', getVariables), connection: connection201 })
      .then(sent('k1', 'GetVariables', getVariables));
    for (const [action, on] of [['GetConfiguration', connection201], ['RemoteStartTransaction', connection201], ['GetVariables', connection]] as const) {
      spec.given([]).when({ type: 'Request', request: requested('k1', action), connection: on }).thenState((state, events) => {
        assert.deepEqual(shape(events), ['CommandRequested', 'CommandCompleted:Failed'], action);
        assert.equal(events[1]?.type === 'CommandCompleted' && events[1].errorCode, 'NotSupported');
        assert.deepEqual(state.pending, []);
      });
    }
  });

  it('fails a call of either version as NotConnected when the station is not connected, and one of neither as not a command', () => {
    spec.given([]).when({ type: 'Request', request: requested('k1', 'GetVariables'), connection: null })
      .then([requested('k1', 'GetVariables'), { ...completed('k1', 'GetVariables', { outcome: 'NotConnected' }), at: AT }]);
    spec.given([]).when({ type: 'Request', request: requested('k1', 'NotifyReport'), connection: null }).thenState((_state, events) => {
      assert.equal(events[1]?.type === 'CommandCompleted' && events[1].errorCode, 'NotSupported');
    });
  });

  it('completes by the 2.0.1 table: Accepted, Unlocked, Scheduled and no status at all are success; SetVariables when every variable was set', () => {
    const cases = [
      ['ChangeAvailability', { status: 'Scheduled' }, 'Accepted'], ['Reset', { status: 'Accepted' }, 'Accepted'],
      ['UnlockConnector', { status: 'Unlocked' }, 'Accepted'], ['UnlockConnector', { status: 'UnlockFailed' }, 'Rejected'],
      ['GetVariables', { getVariableResult: [{ attributeStatus: 'Rejected', component: { name: 'X' }, variable: { name: 'Y' } }] }, 'Accepted'],
      ['SetVariables', { setVariableResult: [{ attributeStatus: 'RebootRequired', component: { name: 'X' }, variable: { name: 'Y' } }] }, 'Accepted'],
      // A01: a password rotation the station refused is not done (B05: per variable).
      ['SetVariables', { setVariableResult: [{ attributeStatus: 'Rejected', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] }, 'Rejected'],
      ['SetVariables', { setVariableResult: [
        { attributeStatus: 'Accepted', component: { name: 'X' }, variable: { name: 'Y' } },
        { attributeStatus: 'UnknownVariable', component: { name: 'X' }, variable: { name: 'Z' } },
      ] }, 'Rejected'],
      ['GetTransactionStatus', { messagesInQueue: false }, 'Accepted'],
      ['GetInstalledCertificateIds', { status: 'NotFound' }, 'Rejected'],
      ['RequestStartTransaction', { status: 'Rejected' }, 'Rejected'],
      ['SendLocalList', { status: 'VersionMismatch' }, 'Rejected'],
      // 1.6's RebootRequired is a per-variable status in 2.0.1, never a call's.
      ['ChangeAvailability', { status: 'RebootRequired' }, 'Rejected'],
    ] as const;
    for (const [action, response, outcome] of cases) {
      spec.given(sent('k1', action)).when({ type: 'Answer', frame: answer201('k1', response) }).thenState((state, events) => {
        assert.deepEqual(events, [completed('k1', action, { outcome, response: JSON.stringify(response) })], `${action} ${JSON.stringify(response)}`);
        assert.deepEqual(state.pending, []);
      });
    }
  });

  it('fails on a 2.0.1 CALLERROR or an answer the gateway found invalid, and times out as in 1.6', () => {
    const error = { errorCode: 'SecurityError', errorDescription: 'no', errorDetails: {} };
    spec.given(sent('k1', 'Reset')).when({ type: 'Answer', frame: answer201('k1', error, { messageTypeId: 4 }) }).then([
      completed('k1', 'Reset', { outcome: 'Failed', response: JSON.stringify(error), errorCode: 'SecurityError', errorDescription: 'no' }),
    ]);
    const invalid = answer201('k1', { status: 'Maybe' }, { rejection: { errorCode: 'OccurrenceConstraintViolation', description: 'status' } });
    spec.given(sent('k1', 'Reset')).when({ type: 'Answer', frame: invalid }).thenState((_state, events) => assert.deepEqual(shape(events), ['CommandCompleted:Failed']));
    spec.given(sent('k1', 'GetVariables')).when({ type: 'Observe', chargePointId: 'CP001', at: AT + 30_001 + DEADLINE_GRACE_MS })
      .thenState((_state, events) => assert.deepEqual(shape(events), ['CommandCompleted:TimedOut']));
  });
});
