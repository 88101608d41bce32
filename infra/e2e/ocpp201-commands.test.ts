// The 2.0.1 command cases against the simulator's own handlers, so that the end-to-end test
// failing points at the CSMS: every request and answer holds to the official schema, each
// answer means, by the rule the processors complete commands by, the outcome the case expects,
// and what the station sends afterwards is valid too.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ocpp201Table, outcomeOf, type Ocpp201 } from '@csms/contracts';
import { commandHandlers201 } from '../src/simulator/index.ts';
import { assertValid201, testStation } from '../src/simulator/ocpp201/test-station.ts';
import { every201Command } from './ocpp201-commands.ts';

const outcome201 = (action: string, response: unknown) => outcomeOf(response, 'ocpp2.0.1', action);

describe('the 2.0.1 command cases against the simulated station', () => {
  it('cover every CSMS call of the 2.0.1 table', () => {
    const covered = new Set(every201Command.map((c) => c.action));
    assert.deepEqual(Object.keys(ocpp201Table.csmsCalls).filter((action) => !covered.has(action as never)), []);
  });

  it('each reaches its outcome with valid requests, answers and follow-ups', () => {
    const { context, sent } = testStation();
    const handlers = commandHandlers201(context);
    for (const { action, body, outcome, because } of every201Command) {
      const request = body(context.model);
      assertValid201(action, 'req', request);
      const before = sent.length;
      const response = handlers[action](request as never);
      assertValid201(action, 'conf', response);
      assert.equal(outcome201(action, response), outcome, `${action} ${JSON.stringify(request)} → ${JSON.stringify(response)}${because ? ` (${because})` : ''}`);
      for (const [followUp, payload] of sent.slice(before)) assertValid201(followUp, 'req', payload);
    }
    const actions = sent.map(([action]) => action);
    assert.ok(actions.includes('NotifyReport') && actions.includes('TransactionEvent') && actions.includes('BootNotification'));
  });

  it('starts a remote transaction, names it in the answer, carries its remoteStartId and ends it when asked', () => {
    const { context, sent } = testStation();
    const handlers = commandHandlers201(context);
    const started = handlers.RequestStartTransaction({ idToken: { idToken: 'T', type: 'Central' }, remoteStartId: 5 } as never) as Ocpp201.RequestStartTransactionResponse;
    const [transaction] = context.model.transactions.values();
    assert.equal(transaction?.evseId, 1, 'the first free EVSE');
    assert.deepEqual(started, { status: 'Accepted', transactionId: transaction.transactionId });
    handlers.RequestStopTransaction({ transactionId: transaction.transactionId } as never);
    const events = sent.filter(([action]) => action === 'TransactionEvent').map(([, p]) => p as { eventType: string; seqNo: number; transactionInfo: { remoteStartId?: number; stoppedReason?: string } });
    assert.deepEqual(events.map((e) => [e.eventType, e.seqNo]), [['Started', 0], ['Ended', 1]]);
    assert.equal(events[0]!.transactionInfo.remoteStartId, 5);
    assert.equal(events[1]!.transactionInfo.stoppedReason, 'Remote');
  });

  it('answers SetVariables and GetVariables with one result per entry; one variable not set makes SetVariables Rejected (B05)', () => {
    const { context } = testStation();
    const handlers = commandHandlers201(context);
    const heartbeat = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
    const identity = { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' } };
    const set = { setVariableData: [{ ...heartbeat, attributeValue: '90' }, { ...identity, attributeValue: 'OTHER' }] };
    const answer = handlers.SetVariables(set as never) as Ocpp201.SetVariablesResponse;
    assertValid201('SetVariables', 'conf', answer);
    assert.deepEqual(answer.setVariableResult.map((r) => [r.variable.name, r.attributeStatus]), [['HeartbeatInterval', 'Accepted'], ['Identity', 'Rejected']]);
    assert.equal(outcome201('SetVariables', answer), 'Rejected');
    const read = handlers.GetVariables({ getVariableData: [heartbeat, identity] } as never) as Ocpp201.GetVariablesResponse;
    assert.deepEqual(read.getVariableResult.map((r) => [r.attributeStatus, r.attributeValue]), [['Accepted', '90'], ['Accepted', 'TEST-CS']]);
  });

  it('takes a new HTTP Basic password to connect with (A01)', () => {
    const { context, passwords } = testStation();
    commandHandlers201(context).SetVariables({ setVariableData: [{
      component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: 'a-new-password-of-16+',
    }] } as never);
    assert.deepEqual(passwords, ['a-new-password-of-16+']);
  });
});
