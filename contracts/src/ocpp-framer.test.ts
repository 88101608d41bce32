import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type avro from 'avsc';
import { loadRecordSchemas } from './avro-schemas.ts';
import {
  isAnswerType, MAX_FRAME_DEPTH, MessageType, parseFrame, serializeFrame, UNREADABLE_MESSAGE_ID, type OcppFrame,
} from './ocpp-framer.ts';
import { ocppSchemas, type OcppJsonSchema, type OcppVersion } from './ocpp-schemas.ts';

type Node = { readonly [keyword: string]: unknown };

/** How deeply a valid payload of this schema can nest arrays and objects ($refs followed). */
function schemaDepth(node: Node, root: OcppJsonSchema): number {
  if (typeof node.$ref === 'string') {
    const definitions = root.definitions as Record<string, Node>;
    return schemaDepth(definitions[node.$ref.split('/').pop()!]!, root);
  }
  const children = [...Object.values((node.properties ?? {}) as Record<string, Node>), ...(node.items ? [node.items as Node] : [])];
  const inner = Math.max(0, ...children.map((child) => schemaDepth(child, root)));
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return types.includes('object') || types.includes('array') ? inner + 1 : inner;
}

function deepestFrame(version: OcppVersion): number {
  // The frame's own array around the payload.
  return 1 + Math.max(...ocppSchemas(version).map((schema) => schemaDepth(schema, schema)));
}

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
    ['an unknown messageTypeId', '[7,"m1","Heartbeat",{}]', 'UNKNOWN_MESSAGE_TYPE', { messageTypeId: 7, messageId: 'm1' }],
    ['a huge messageTypeId', '[1e20,"m1"]', 'UNKNOWN_MESSAGE_TYPE', { messageTypeId: null }],
    ['a numeric messageId', '[2,17,"Heartbeat",{}]', 'BAD_MESSAGE_ID', { messageTypeId: 2, messageId: null }],
    ['a CALL without payload', '[2,"m1","Heartbeat"]', 'INCOMPLETE_FRAME', { messageId: 'm1', action: 'Heartbeat' }],
    ['a CALL without action', '[2,"m1"]', 'INCOMPLETE_FRAME', { messageId: 'm1', action: null }],
    ['a CALL with 5 elements', '[2,"m1","Heartbeat",{},{}]', 'MALFORMED_FRAME', { messageId: 'm1' }],
    ['a numeric action', '[2,"m1",5,{}]', 'MALFORMED_FRAME', { messageId: 'm1', action: null }],
    ['a CALLRESULT without payload', '[3,"m1"]', 'INCOMPLETE_FRAME', { messageTypeId: 3 }],
    ['a CALLERROR with 3 elements', '[4,"m1","GenericError"]', 'INCOMPLETE_FRAME', { messageTypeId: 4 }],
    ['a CALLERROR with a numeric code', '[4,"m1",1,"x",{}]', 'MALFORMED_FRAME', { messageTypeId: 4 }],
    ['a frame nested past the bound', `[2,"m1","DataTransfer",${'['.repeat(MAX_FRAME_DEPTH)}${']'.repeat(MAX_FRAME_DEPTH)}]`, 'TOO_DEEP', { messageId: null }],
    ['60,000 levels of nesting', `${'['.repeat(60_000)}${']'.repeat(60_000)}`, 'TOO_DEEP', { messageTypeId: null }],
    ['a messageId of 65 characters', `[2,"${'m'.repeat(65)}","Heartbeat",{}]`, 'BAD_MESSAGE_ID', { messageTypeId: 2, messageId: null }],
    ['a messageId with a NUL', '[2,"m\\u00001","Heartbeat",{}]', 'BAD_MESSAGE_ID', { messageId: null }],
    ['a messageId with a lone surrogate', '[3,"m\\ud8001",{}]', 'BAD_MESSAGE_ID', { messageId: null }],
    ['an action of 65 characters', `[2,"m1","${'A'.repeat(65)}",{}]`, 'MALFORMED_FRAME', { messageId: 'm1', action: null }],
    ['an action with a control character', '[2,"m1","Heart\\u001bbeat",{}]', 'MALFORMED_FRAME', { messageId: 'm1', action: null }],
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

  it('lets every legitimate OCPP payload through the depth bound, with room to spare', () => {
    assert.equal(deepestFrame('ocpp1.6'), 6, 'MeterValues.req: meterValue[].sampledValue[]');
    assert.ok(deepestFrame('ocpp2.0.1') * 2 <= MAX_FRAME_DEPTH, `2.0.1 needs ${deepestFrame('ocpp2.0.1')}`);
    const deepest = `[2,"m1","DataTransfer",${'['.repeat(MAX_FRAME_DEPTH - 1)}${']'.repeat(MAX_FRAME_DEPTH - 1)}]`;
    assert.equal(parseFrame(deepest).ok, true, 'exactly at the bound');
  });

  it('takes a 36-character (UUID) and a 64-character messageId', () => {
    assert.equal(parseFrame('[2,"0f8fad5b-d9cb-469f-a165-70867728950e","Heartbeat",{}]').ok, true);
    assert.equal(parseFrame(`[2,"${'m'.repeat(64)}","Heartbeat",{}]`).ok, true);
  });

  it('keeps the payload text of a CALL that is rejected for its length', () => {
    const result = parseFrame('[2,"m1","Heartbeat",{"a":1},"extra"]');
    assert.equal(result.facts.payload, '{"a":1}');
  });
});

describe('MessageType', () => {
  it('numbers the types as OCPP-J 1.6 §4.1.3 does', () => {
    assert.deepEqual(MessageType, { Call: 2, CallResult: 3, CallError: 4 });
  });

  it('names them as the OutboundFrame record does', () => {
    const symbols = (loadRecordSchemas()['io.csms.ocpp.OutboundFrameType'] as avro.types.EnumType).symbols;
    assert.deepEqual([...symbols].sort(), Object.keys(MessageType).sort());
  });

  it('tells an answer (CALLRESULT, CALLERROR) from a CALL', () => {
    assert.deepEqual([2, 3, 4, 5, null].map(isAnswerType), [false, true, true, false, false]);
  });
});

describe('serializeFrame', () => {
  it('writes each message type', () => {
    assert.equal(serializeFrame({ messageTypeId: MessageType.Call, messageId: 'm1', action: 'Heartbeat', payload: {} }),
      '[2,"m1","Heartbeat",{}]');
    assert.equal(serializeFrame({ messageTypeId: MessageType.CallResult, messageId: 'c1', payload: { status: 'Accepted' } }),
      '[3,"c1",{"status":"Accepted"}]');
    assert.equal(serializeFrame({
      messageTypeId: MessageType.CallError, messageId: 'c2', errorCode: 'NotSupported', errorDescription: 'nope', errorDetails: {},
    }), '[4,"c2","NotSupported","nope",{}]');
  });

  it('answers a frame whose messageId could not be read with "-1"', () => {
    assert.equal(serializeFrame({
      messageTypeId: MessageType.CallError, messageId: UNREADABLE_MESSAGE_ID, errorCode: 'FormationViolation',
      errorDescription: 'Frame is not valid JSON', errorDetails: {},
    }), '[4,"-1","FormationViolation","Frame is not valid JSON",{}]');
  });

  // Text JSON.stringify escapes or keeps as it is: a quote, backslashes, controls, U+2028, astral and lone surrogates.
  const awkward = 'q"b\\n\n\u0001 \u2028 ü 🔌 \ud800';
  const payload = { b: [1, 2.5, 1e21, null, true], a: { nested: [{ deep: awkward }] }, '': awkward };

  it('writes the bytes of the builders it replaces', () => {
    // As the gateway (frame-decider, sealed-calls) and the processors (reply, batch-outputs) wrote them.
    const callText = (id: string, action: string, body: unknown) => JSON.stringify([2, id, action, body]);
    const callResultText = (id: string, body: unknown) => JSON.stringify([3, id, body]);
    const callErrorText = (id: string | null, code: string, description: string) => JSON.stringify([4, id ?? '-1', code, description, {}]);
    assert.equal(serializeFrame({ messageTypeId: MessageType.Call, messageId: awkward, action: 'DataTransfer', payload }),
      callText(awkward, 'DataTransfer', payload));
    assert.equal(serializeFrame({ messageTypeId: MessageType.CallResult, messageId: awkward, payload }), callResultText(awkward, payload));
    assert.equal(serializeFrame({
      messageTypeId: MessageType.CallError, messageId: UNREADABLE_MESSAGE_ID, errorCode: 'InternalError', errorDescription: awkward,
      errorDetails: {},
    }), callErrorText(null, 'InternalError', awkward));
  });

  it('writes what parseFrame reads back as the same frame', () => {
    const frames: OcppFrame[] = [
      { messageTypeId: MessageType.Call, messageId: 'm1', action: 'ChangeConfiguration', payload: { key: 'Key', value: awkward } },
      { messageTypeId: MessageType.Call, messageId: '0f8fad5b-d9cb-469f-a165-70867728950e', action: 'DataTransfer', payload },
      { messageTypeId: MessageType.CallResult, messageId: 'c1', payload },
      { messageTypeId: MessageType.CallError, messageId: 'c2', errorCode: 'InternalError', errorDescription: awkward, errorDetails: {} },
      { messageTypeId: MessageType.CallError, messageId: '-1', errorCode: 'GenericError', errorDescription: '', errorDetails: payload },
    ];
    for (const frame of frames) {
      const parsed = parseFrame(serializeFrame(frame));
      assert.ok(parsed.ok, serializeFrame(frame));
      assert.deepEqual(parsed.frame, frame);
    }
  });
});
