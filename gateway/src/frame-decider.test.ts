import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ocppSchemas, stationCallRow } from '@csms/contracts';
import { callErrorFrame, decideFrame, type FrameDecision } from './frame-decider.ts';
import { createPayloadValidator } from './payload-validator.ts';

const now = Date.UTC(2025, 0, 2, 3, 4, 5);
const unlimited = { admit: () => true, description: 'unused' };
const ctx = { protocol: 'ocpp1.6', validator: createPayloadValidator('ocpp1.6'), now, awaiting: null, rateLimit: unlimited } as const;
const awaitingReset = { ...ctx, awaiting: { messageId: 'r1', action: 'Reset' } };
const status = '{"connectorId":1,"errorCode":"NoError","status":"Available"}';

function rejected(decision: FrameDecision): Extract<FrameDecision, { kind: 'rejected' }> {
  assert.equal(decision.kind, 'rejected');
  if (decision.kind !== 'rejected') throw new Error('unreachable');
  return decision;
}

describe('decideFrame', () => {
  it('answers a Heartbeat itself with the current time', () => {
    const decision = decideFrame('[2,"h1","Heartbeat",{}]', ctx);
    assert.equal(decision.kind, 'gateway-answered');
    if (decision.kind !== 'gateway-answered') return;
    assert.deepEqual(JSON.parse(decision.reply), [3, 'h1', { currentTime: '2025-01-02T03:04:05.000Z' }]);
  });

  it('answers StatusNotification and MeterValues with an empty object', () => {
    const decision = decideFrame(`[2,"s1","StatusNotification",${status}]`, ctx);
    assert.equal(decision.kind, 'gateway-answered');
    if (decision.kind === 'gateway-answered') assert.equal(decision.reply, '[3,"s1",{}]');
  });

  it('answers exactly Heartbeat, StatusNotification and MeterValues itself, nothing that needs state', () => {
    const answered = ocppSchemas('ocpp1.6').map((s) => s.$id).filter((id) => id.endsWith('.req'))
      .map((id) => id.slice('urn:'.length, -'.req'.length)).filter((action) => stationCallRow('ocpp1.6', action)?.gatewayAnswer != null);
    assert.deepEqual(answered.sort(), ['Heartbeat', 'MeterValues', 'StatusNotification']);
  });

  it('forwards a valid BootNotification to the processors', () => {
    const decision = decideFrame('[2,"b1","BootNotification",{"chargePointVendor":"V","chargePointModel":"M"}]', ctx);
    assert.deepEqual(decision, {
      kind: 'forwarded',
      facts: { messageTypeId: 2, messageId: 'b1', action: 'BootNotification', payload: '{"chargePointVendor":"V","chargePointModel":"M"}' },
    });
  });

  it('records CALLRESULT and CALLERROR frames as responses', () => {
    assert.equal(decideFrame('[3,"c1",{}]', ctx).kind, 'response');
    assert.equal(decideFrame('[4,"c1","GenericError","",{}]', ctx).kind, 'response');
  });

  const cases: [string, string, string, string][] = [
    ['not JSON', 'nope', '-1', 'FormationViolation'],
    ['not an array', '{}', '-1', 'FormationViolation'],
    ['wrong length', '[2,"w1","Heartbeat"]', 'w1', 'ProtocolError'],
    ['a numeric messageId', '[2,5,"Heartbeat",{}]', '-1', 'FormationViolation'],
    ['an unknown action', '[2,"u1","Teleport",{}]', 'u1', 'NotImplemented'],
    ['a missing required field', '[2,"r1","StatusNotification",{"connectorId":1,"status":"Available"}]', 'r1', 'OccurenceConstraintViolation'],
    ['a wrong type', '[2,"t1","StatusNotification",{"connectorId":"1","errorCode":"NoError","status":"Available"}]', 't1', 'TypeConstraintViolation'],
    ['maxLength exceeded', `[2,"l1","Authorize",{"idTag":"${'X'.repeat(21)}"}]`, 'l1', 'TypeConstraintViolation'],
    ['a bad enum value', '[2,"e1","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"On fire"}]', 'e1', 'PropertyConstraintViolation'],
    ['an additional property', '[2,"a1","Heartbeat",{"x":1}]', 'a1', 'FormationViolation'],
    ['a bad date-time', '[2,"d1","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"noon","sampledValue":[{"value":"1"}]}]}]', 'd1', 'TypeConstraintViolation'],
    ['a connectorId beyond int32', '[2,"i1","StartTransaction",{"connectorId":3000000000,"idTag":"T","meterStart":0,"timestamp":"2025-01-15T10:05:00Z"}]', 'i1', 'PropertyConstraintViolation'],
    ['a meterStop of 1e300', '[2,"i2","StopTransaction",{"transactionId":1,"meterStop":1e300,"timestamp":"2025-01-15T10:05:00Z"}]', 'i2', 'PropertyConstraintViolation'],
    ['a NUL in an idTag', '[2,"n1","Authorize",{"idTag":"A\\u0000B"}]', 'n1', 'PropertyConstraintViolation'],
    ['a lone surrogate', '[2,"n2","Authorize",{"idTag":"A\\ud800"}]', 'n2', 'PropertyConstraintViolation'],
    ['year 9999', '[2,"y1","StartTransaction",{"connectorId":1,"idTag":"T","meterStart":0,"timestamp":"9999-01-01T00:00:00Z"}]', 'y1', 'PropertyConstraintViolation'],
    ['nesting past the depth bound', `[2,"deep","DataTransfer",{"vendorId":"V","data":${'['.repeat(40)}${']'.repeat(40)}}]`, '-1', 'FormationViolation'],
    ['a 65-character messageId', `[2,"${'m'.repeat(65)}","Heartbeat",{}]`, '-1', 'FormationViolation'],
  ];
  for (const [name, raw, messageId, errorCode] of cases) {
    it(`answers ${name} with ${errorCode}`, () => {
      const decision = rejected(decideFrame(raw, ctx));
      assert.equal(decision.rejection.errorCode, errorCode);
      assert.deepEqual(JSON.parse(decision.reply!), [4, messageId, errorCode, decision.rejection.description, {}]);
    });
  }

  it('records but does not answer an unknown message type (OCPP-J 1.6 §4.1.3)', () => {
    const decision = rejected(decideFrame('[5,"x1","Heartbeat",{}]', ctx));
    assert.equal(decision.reply, null);
    assert.equal(decision.facts.messageTypeId, 5);
    assert.equal(decision.rejection.errorCode, 'ProtocolError');
  });

  it('never answers a malformed CALLRESULT', () => {
    const decision = rejected(decideFrame('[3,"c1"]', ctx));
    assert.equal(decision.reply, null);
    assert.equal(decision.rejection.errorCode, 'ProtocolError');
  });

  it('keeps what it could read of a rejected CALL', () => {
    const decision = rejected(decideFrame('[2,"a1","Heartbeat",{"x":1}]', ctx));
    assert.deepEqual(decision.facts, { messageTypeId: 2, messageId: 'a1', action: 'Heartbeat', payload: '{"x":1}' });
  });

  it('records the answer to the awaited CSMS CALL under its action', () => {
    assert.deepEqual(decideFrame('[3,"r1",{"status":"Accepted"}]', awaitingReset), {
      kind: 'answer', facts: { messageTypeId: 3, messageId: 'r1', action: 'Reset', payload: '{"status":"Accepted"}' },
    });
    const error = decideFrame('[4,"r1","NotSupported","no",{}]', awaitingReset);
    assert.deepEqual([error.kind, error.facts.action], ['answer', 'Reset']);
  });

  const invalidAnswers: [string, string, string][] = [
    ['a status outside the enum', '[3,"r1",{"status":"Maybe"}]', 'PropertyConstraintViolation'],
    ['a missing status', '[3,"r1",{}]', 'OccurenceConstraintViolation'],
    ['an additional property', '[3,"r1",{"status":"Accepted","why":1}]', 'FormationViolation'],
    ['a missing payload', '[3,"r1"]', 'ProtocolError'],
  ];
  for (const [name, raw, errorCode] of invalidAnswers) {
    it(`records but never answers a CALLRESULT with ${name} (urn:Reset.conf)`, () => {
      const decision = rejected(decideFrame(raw, awaitingReset));
      assert.deepEqual([decision.rejection.errorCode, decision.reply, decision.facts.action], [errorCode, null, 'Reset']);
    });
  }

  it('records an answer matching no awaited CALL as a response without action', () => {
    assert.deepEqual(decideFrame('[3,"other",{"status":"Accepted"}]', awaitingReset), {
      kind: 'response', facts: { messageTypeId: 3, messageId: 'other', action: null, payload: '{"status":"Accepted"}' },
    });
    assert.equal(decideFrame('[2,"r1","Heartbeat",{}]', awaitingReset).kind, 'gateway-answered', 'a CALL is no answer');
  });

  it('names the field and the value rule in the description', () => {
    const decision = rejected(decideFrame('[2,"i1","StartTransaction",{"connectorId":3e9,"idTag":"T","meterStart":0,"timestamp":"2025-01-15T10:05:00Z"}]', ctx));
    assert.equal(decision.problem, 'PROPERTY_CONSTRAINT');
    assert.match(decision.rejection.description, /^payload\/connectorId must be an integer within .*int32/);
  });

  it('accepts a StopTransaction dated 1970, from a station whose clock was reset', () => {
    const decision = decideFrame('[2,"s0","StopTransaction",{"transactionId":1,"meterStop":5,"timestamp":"1970-01-01T00:00:07Z"}]', ctx);
    assert.equal(decision.kind, 'forwarded');
  });

  it('bounds a description quoting the station and makes it safe to store', () => {
    const key = `k\\u0000${'x'.repeat(300)}`;
    const decision = rejected(decideFrame(`[2,"a2","Heartbeat",{"${key}":1}]`, ctx));
    assert.equal(Array.from(decision.rejection.description).length, 255);
    assert.ok(!decision.rejection.description.includes('\u0000'));
    assert.equal(JSON.parse(decision.reply!)[3], decision.rejection.description);
  });

  it('refuses a frame over the rate limit without validating it, but never the awaited answer', () => {
    let admitted = 0;
    const closed = { admit: () => false, description: 'Rate limit exceeded' };
    const counting = { admit: () => { admitted += 1; return true; }, description: '' };
    const decision = rejected(decideFrame('[2,"b1","BootNotification",{"chargePointVendor":"V","chargePointModel":"M"}]', { ...ctx, rateLimit: closed }));
    assert.deepEqual([decision.problem, JSON.parse(decision.reply!)], ['RATE_LIMITED', [4, 'b1', 'GenericError', 'Rate limit exceeded', {}]]);
    assert.equal(rejected(decideFrame('[2,"b2","Teleport",{}]', { ...ctx, rateLimit: closed })).problem, 'RATE_LIMITED');
    assert.equal(decideFrame('[3,"r1",{"status":"Accepted"}]', { ...awaitingReset, rateLimit: closed }).kind, 'answer');
    decideFrame('[3,"r1",{"status":"Accepted"}]', { ...awaitingReset, rateLimit: counting });
    assert.equal(admitted, 0, 'the awaited answer takes no token');
    decideFrame('[3,"late",{}]', { ...ctx, rateLimit: counting });
    assert.equal(admitted, 1, 'an answer nobody awaits does');
  });

  it('records a CALLERROR answer whose parts break the value rules as rejected', () => {
    const decision = rejected(decideFrame('[4,"r1","GenericError","x",{"n":1e300}]', awaitingReset));
    assert.deepEqual([decision.rejection.errorCode, decision.reply, decision.facts.action], ['PropertyConstraintViolation', null, 'Reset']);
    assert.match(decision.rejection.description, /payload\/errorDetails\/n/);
    assert.equal(rejected(decideFrame('[4,"r1","Generic\\u0000Error","x",{}]', awaitingReset)).problem, 'PROPERTY_CONSTRAINT');
  });

  it('builds a CALLERROR frame', () => {
    assert.equal(callErrorFrame(null, 'GenericError', 'x'), '[4,"-1","GenericError","x",{}]');
  });
});
