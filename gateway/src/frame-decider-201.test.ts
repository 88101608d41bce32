// decideFrame for a station speaking OCPP 2.0.1: its table's actions and answers, its schemas,
// and the OCPP-J 2.0.1 error codes (frame-decider.test.ts holds the 1.6 cases).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ocppTables } from '@csms/contracts';
import { decideFrame, type FrameDecision } from './frame-decider.ts';
import { createPayloadValidator } from './payload-validator.ts';

const now = Date.UTC(2025, 0, 2, 3, 4, 5);
const unlimited = { admit: () => true, description: 'unused' };
const ctx = { protocol: 'ocpp2.0.1', validator: createPayloadValidator('ocpp2.0.1'), now, awaiting: null, rateLimit: unlimited } as const;
const status = '{"timestamp":"2025-01-02T03:04:05Z","connectorStatus":"Available","evseId":1,"connectorId":1}';

function rejected(decision: FrameDecision): Extract<FrameDecision, { kind: 'rejected' }> {
  assert.equal(decision.kind, 'rejected');
  if (decision.kind !== 'rejected') throw new Error('unreachable');
  return decision;
}

describe('decideFrame (OCPP 2.0.1)', () => {
  it('answers a Heartbeat itself with the current time (G02)', () => {
    const decision = decideFrame('[2,"h1","Heartbeat",{}]', ctx);
    assert.equal(decision.kind, 'gateway-answered');
    if (decision.kind === 'gateway-answered') assert.deepEqual(JSON.parse(decision.reply), [3, 'h1', { currentTime: '2025-01-02T03:04:05.000Z' }]);
  });

  it("answers itself exactly the 2.0.1 rows that carry a gatewayAnswer, from the 2.0.1 table", () => {
    const answered = Object.values(ocppTables['ocpp2.0.1'].stationCalls).filter((row) => row.gatewayAnswer !== null).map((row) => row.action);
    assert.deepEqual(answered.sort(), ['Heartbeat', 'MeterValues', 'NotifyReport', 'ReservationStatusUpdate', 'StatusNotification']);
    const payloads: Record<string, string> = {
      MeterValues: '{"evseId":1,"meterValue":[{"timestamp":"2025-01-02T03:04:05Z","sampledValue":[{"value":1.5}]}]}',
      NotifyReport: '{"requestId":1,"generatedAt":"2025-01-02T03:04:05Z","seqNo":0}',
      ReservationStatusUpdate: '{"reservationId":7,"reservationUpdateStatus":"Expired"}',
      StatusNotification: status,
    };
    for (const [action, payload] of Object.entries(payloads)) {
      const decision = decideFrame(`[2,"g1","${action}",${payload}]`, ctx);
      assert.deepEqual([decision.kind, decision.kind === 'gateway-answered' && decision.reply], ['gateway-answered', '[3,"g1",{}]'], action);
    }
  });

  it('forwards a valid BootNotification and TransactionEvent to the processors', () => {
    const boot = decideFrame('[2,"b1","BootNotification",{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V"}}]', ctx);
    assert.equal(boot.kind, 'forwarded');
    const started = '{"eventType":"Started","timestamp":"2025-01-02T03:04:05Z","triggerReason":"Authorized","seqNo":0,"transactionInfo":{"transactionId":"tx-1"}}';
    assert.equal(decideFrame(`[2,"t1","TransactionEvent",${started}]`, ctx).kind, 'forwarded');
  });

  const cases: [string, string, string, string][] = [
    ['not JSON', 'nope', '-1', 'RpcFrameworkError'],
    ['not an array', '{}', '-1', 'RpcFrameworkError'],
    ['a numeric messageId', '[2,5,"Heartbeat",{}]', '-1', 'RpcFrameworkError'],
    ['wrong length', '[2,"w1","Heartbeat"]', 'w1', 'RpcFrameworkError'],
    ['nesting past the depth bound', `[2,"deep","DataTransfer",{"vendorId":"V","data":${'['.repeat(40)}${']'.repeat(40)}}]`, '-1', 'FormatViolation'],
    ['an unknown action', '[2,"u1","Teleport",{}]', 'u1', 'NotImplemented'],
    ['a 2.0.1 action the CSMS does not implement', '[2,"u2","NotifyEvent",{"generatedAt":"2025-01-02T03:04:05Z","seqNo":0,"eventData":[]}]', 'u2', 'NotImplemented'],
    ['a 1.6 action', '[2,"u3","StartTransaction",{"connectorId":1,"idTag":"T","meterStart":0,"timestamp":"2025-01-02T03:04:05Z"}]', 'u3', 'NotImplemented'],
    ['a CSMS call', '[2,"n1","Reset",{"type":"Immediate"}]', 'n1', 'NotSupported'],
    ['a missing required field', '[2,"r1","StatusNotification",{"timestamp":"2025-01-02T03:04:05Z","connectorStatus":"Available","evseId":1}]', 'r1', 'OccurrenceConstraintViolation'],
    ['a wrong type', '[2,"t1","StatusNotification",{"timestamp":"2025-01-02T03:04:05Z","connectorStatus":"Available","evseId":"1","connectorId":1}]', 't1', 'TypeConstraintViolation'],
    ['a bad enum value', '[2,"e1","StatusNotification",{"timestamp":"2025-01-02T03:04:05Z","connectorStatus":"On fire","evseId":1,"connectorId":1}]', 'e1', 'PropertyConstraintViolation'],
    ['an additional property', '[2,"a1","Heartbeat",{"x":1}]', 'a1', 'ProtocolError'],
  ];
  for (const [name, raw, messageId, errorCode] of cases) {
    it(`answers ${name} with ${errorCode}`, () => {
      const decision = rejected(decideFrame(raw, ctx));
      assert.equal(decision.rejection.errorCode, errorCode);
      assert.deepEqual(JSON.parse(decision.reply!), [4, messageId, errorCode, decision.rejection.description, {}]);
    });
  }

  it('answers an unknown message type with MessageTypeNotSupported and its messageId (§4.4), 2.1 types 5 and 6 included', () => {
    for (const raw of ['[5,"x1",{}]', '[6,"x1","NotifyPeriodicEventStream",{}]', '[7,"x1"]', '[-2,"x1","Heartbeat",{}]']) {
      const decision = rejected(decideFrame(raw, ctx));
      assert.equal(decision.problem, 'UNKNOWN_MESSAGE_TYPE', raw);
      assert.deepEqual(JSON.parse(decision.reply!), [4, 'x1', 'MessageTypeNotSupported', decision.rejection.description, {}], raw);
      assert.equal(decision.facts.messageId, 'x1');
    }
    const unreadable = rejected(decideFrame('[5,{"id":1},{}]', ctx));
    assert.deepEqual(JSON.parse(unreadable.reply!).slice(0, 3), [4, '-1', 'MessageTypeNotSupported']);
  });

  it('checks the answer to an awaited CSMS CALL against the 2.0.1 .conf schema', () => {
    const awaitingSet = { ...ctx, awaiting: { messageId: 's1', action: 'SetVariables' } };
    const valid = '[3,"s1",{"setVariableResult":[{"attributeStatus":"Accepted","component":{"name":"SecurityCtrlr"},"variable":{"name":"BasicAuthPassword"}}]}]';
    assert.equal(decideFrame(valid, awaitingSet).kind, 'answer');
    const invalid = rejected(decideFrame('[3,"s1",{"setVariableResult":[{"attributeStatus":"Accepted"}]}]', awaitingSet));
    assert.deepEqual([invalid.rejection.errorCode, invalid.reply, invalid.facts.action], ['OccurrenceConstraintViolation', null, 'SetVariables']);
  });
});
