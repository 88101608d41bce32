// The rule between the commands decider and the concerns of answers, against the action table:
// every CSMS call's valid answer reaches the decider its row names, and only a valid one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ocppTables, type CommandCompleted, type InboundFrame } from '@csms/contracts';
import { answerToItsConcern } from './answer-to-concern.ts';
import { initialCommandsState, type CommandsState } from '../deciders/commands-state.ts';
import { isDeciderName, statelessDeciders } from '../deciders/registry.ts';
import { AT } from '../deciders/fixtures.ts';

const request = '{"x":1}';
const response = '{"status":"Accepted"}';

function answerFrame(action: string, protocol: string): InboundFrame {
  return {
    type: 'Frame', chargePointId: 'CP001', node: 0, connectionId: 'c1', at: AT, protocol, raw: `[3,"k1",${response}]`,
    messageTypeId: 3, messageId: 'k1', action, payload: response, rejection: null, repliedByGateway: false, rawTruncated: null,
  };
}

function sent(action: string): CommandsState {
  return { ...initialCommandsState, pending: [{ commandId: 'k1', action, messageId: 'k1', payload: request, deadline: AT }] };
}

function completed(action: string, outcome: CommandCompleted['outcome']): CommandCompleted {
  return {
    type: 'CommandCompleted', chargePointId: 'CP001', at: AT, commandId: 'k1', action, outcome,
    response: outcome === 'Accepted' || outcome === 'Rejected' ? response : null, errorCode: null, errorDescription: null,
  };
}

describe('an answer informs its concern', () => {
  for (const [version, table] of Object.entries(ocppTables)) {
    for (const row of Object.values(table.csmsCalls)) {
      it(`${version} ${row.action}: what its answer reports goes to the ${row.decider} decider`, () => {
        const routes = answerToItsConcern(answerFrame(row.action, version), [completed(row.action, 'Rejected')], sent(row.action));
        if (row.decider === 'commands') {
          assert.deepEqual(routes, []);
          return;
        }
        assert.ok(Object.hasOwn(statelessDeciders, row.decider) || isDeciderName(row.decider), `${row.decider} is a decider the processors run`);
        assert.deepEqual(routes, [{
          decider: row.decider,
          command: { type: 'AnswerReceived', chargePointId: 'CP001', at: AT, protocol: version, action: row.action, request, response, outcome: 'Rejected' },
        }]);
      });
    }
  }

  it('hands on nothing when the command did not end with a valid answer, or was not pending', () => {
    for (const outcome of ['Failed', 'TimedOut', 'NotConnected'] as const) {
      assert.deepEqual(answerToItsConcern(answerFrame('GetConfiguration', 'ocpp1.6'), [completed('GetConfiguration', outcome)], sent('GetConfiguration')), []);
    }
    assert.deepEqual(answerToItsConcern(answerFrame('GetConfiguration', 'ocpp1.6'), [completed('GetConfiguration', 'Accepted')], initialCommandsState), []);
    assert.deepEqual(answerToItsConcern(answerFrame('GetConfiguration', 'ocpp1.6'), [], sent('GetConfiguration')), []);
  });
});
