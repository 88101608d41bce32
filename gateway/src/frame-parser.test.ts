import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFrame } from './frame-parser.ts';

describe('parseFrame', () => {
  it('reads a CALL', () => {
    const result = parseFrame('[2,"m1","Heartbeat",{}]');
    assert.deepEqual(result, {
      ok: true,
      frame: { messageTypeId: 2, messageId: 'm1', action: 'Heartbeat', payload: {} },
      facts: { messageTypeId: 2, messageId: 'm1', action: 'Heartbeat', payload: '{}' },
    });
  });

  it('reads a CALLRESULT and a CALLERROR', () => {
    const result = parseFrame('[3,"c1",{"status":"Accepted"}]');
    assert.equal(result.ok, true);
    assert.deepEqual(result.facts, { messageTypeId: 3, messageId: 'c1', action: null, payload: '{"status":"Accepted"}' });
    const error = parseFrame('[4,"c2","NotSupported","nope",{}]');
    assert.equal(error.ok, true);
    assert.deepEqual(JSON.parse(error.facts.payload!), { errorCode: 'NotSupported', errorDescription: 'nope', errorDetails: {} });
  });

  const bad: [string, string, string, Partial<Record<'messageTypeId' | 'messageId' | 'action', unknown>>][] = [
    ['an empty frame', '', 'EMPTY_FRAME', { messageId: null }],
    ['not JSON', '[2,"m1","Heartbeat",{}', 'NOT_JSON', { messageId: null, messageTypeId: null }],
    ['not an array', '{"messageTypeId":2}', 'NOT_AN_ARRAY', { messageId: null }],
    ['a string messageTypeId', '["2","m1","Heartbeat",{}]', 'BAD_MESSAGE_TYPE_ID', { messageTypeId: null }],
    ['an unknown messageTypeId', '[7,"m1","Heartbeat",{}]', 'UNKNOWN_MESSAGE_TYPE', { messageTypeId: 7, messageId: null }],
    ['a huge messageTypeId', '[1e20,"m1"]', 'UNKNOWN_MESSAGE_TYPE', { messageTypeId: null }],
    ['a numeric messageId', '[2,17,"Heartbeat",{}]', 'BAD_MESSAGE_ID', { messageTypeId: 2, messageId: null }],
    ['a CALL without payload', '[2,"m1","Heartbeat"]', 'INCOMPLETE_FRAME', { messageId: 'm1', action: 'Heartbeat' }],
    ['a CALL without action', '[2,"m1"]', 'INCOMPLETE_FRAME', { messageId: 'm1', action: null }],
    ['a CALL with 5 elements', '[2,"m1","Heartbeat",{},{}]', 'MALFORMED_FRAME', { messageId: 'm1' }],
    ['a numeric action', '[2,"m1",5,{}]', 'MALFORMED_FRAME', { messageId: 'm1', action: null }],
    ['a CALLRESULT without payload', '[3,"m1"]', 'INCOMPLETE_FRAME', { messageTypeId: 3 }],
    ['a CALLERROR with 3 elements', '[4,"m1","GenericError"]', 'INCOMPLETE_FRAME', { messageTypeId: 4 }],
    ['a CALLERROR with a numeric code', '[4,"m1",1,"x",{}]', 'MALFORMED_FRAME', { messageTypeId: 4 }],
  ];
  for (const [name, raw, problem, facts] of bad) {
    it(`rejects ${name} as ${problem}`, () => {
      const result = parseFrame(raw);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.problem, problem);
      assert.ok(result.description.length > 0);
      for (const [key, value] of Object.entries(facts)) {
        assert.equal(result.facts[key as keyof typeof facts], value, key);
      }
    });
  }

  it('keeps the payload text of a CALL that is rejected for its length', () => {
    const result = parseFrame('[2,"m1","Heartbeat",{"a":1},"extra"]');
    assert.equal(result.facts.payload, '{"a":1}');
  });
});
