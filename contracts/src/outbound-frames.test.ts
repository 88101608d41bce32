import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OutboundFrame } from './generated/avro-types.ts';
import { MessageType, serializeFrame } from './ocpp-framer.ts';
import { ocppFrameOf, outboundCall, outboundFrameText, outboundReply } from './outbound-frames.ts';

const to = { chargePointId: 'CP1', node: 7, connectionId: 'c9', at: 5 };
const noParts = { raw: '', action: null, payload: null, errorCode: null, errorDescription: null, errorDetails: null };

describe('outboundReply', () => {
  it('writes a CALLRESULT as its parts, with no text', () => {
    assert.deepEqual(outboundReply(to, 'id-1', { kind: 'CallResult', payload: { status: 'Accepted' } }), {
      chargePointId: 'CP1', node: 7, connectionId: 'c9', frameType: 'CallResult', messageId: 'id-1', at: 5, deadline: null,
      ...noParts, payload: '{"status":"Accepted"}',
    });
  });

  it('writes a CALLERROR as its parts, without details', () => {
    assert.deepEqual(outboundReply(to, 'id-1', { kind: 'CallError', errorCode: 'NotSupported', description: 'no' }), {
      chargePointId: 'CP1', node: 7, connectionId: 'c9', frameType: 'CallError', messageId: 'id-1', at: 5, deadline: null,
      ...noParts, errorCode: 'NotSupported', errorDescription: 'no',
    });
  });
});

describe('outboundCall', () => {
  it('writes a CSMS CALL as its parts, with its deadline', () => {
    assert.deepEqual(outboundCall({ ...to, connectionId: null }, {
      messageId: 'k1', action: 'Reset', payloadJson: '{"type":"Soft"}', deadline: 30_005,
    }), {
      chargePointId: 'CP1', node: 7, connectionId: null, frameType: 'Call', messageId: 'k1', at: 5, deadline: 30_005,
      ...noParts, action: 'Reset', payload: '{"type":"Soft"}',
    });
  });
});

describe('outboundFrameText', () => {
  const awkward = 'id "quoted" \\ \u2028 é';
  const payload = { text: 'a\nb "c" \u0000-free \u00e9\u{1F600}', n: [1, 2.5, -0, 1e21], nested: { ok: true, none: null } };

  it('writes the text serializeFrame writes, byte for byte, for each message type', () => {
    const result = outboundReply(to, awkward, { kind: 'CallResult', payload });
    assert.equal(outboundFrameText(result), serializeFrame({ messageTypeId: MessageType.CallResult, messageId: awkward, payload }));
    const error = outboundReply(to, awkward, { kind: 'CallError', errorCode: 'InternalError', description: 'it "broke"' });
    assert.equal(outboundFrameText(error), serializeFrame({
      messageTypeId: MessageType.CallError, messageId: awkward, errorCode: 'InternalError', errorDescription: 'it "broke"', errorDetails: {},
    }));
    assert.equal(outboundFrameText(error), `[4,${JSON.stringify(awkward)},"InternalError","it \\"broke\\"",{}]`);
    const call = outboundCall(to, { messageId: awkward, action: 'DataTransfer', payloadJson: JSON.stringify(payload), deadline: null });
    assert.equal(outboundFrameText(call), serializeFrame({ messageTypeId: MessageType.Call, messageId: awkward, action: 'DataTransfer', payload }));
  });

  it('sends the details of a CALLERROR that has them', () => {
    const error: OutboundFrame = { ...outboundReply(to, 'm', { kind: 'CallError', errorCode: 'X', description: 'd' }), errorDetails: '{"a":1}' };
    assert.equal(outboundFrameText(error), '[4,"m","X","d",{"a":1}]');
  });

  it('sends the text of a record written before the structured fields, as it is', () => {
    const legacy = (frameType: OutboundFrame['frameType'], messageId: string, raw: string): OutboundFrame => ({
      chargePointId: 'CP1', node: 7, connectionId: null, frameType, messageId, at: 5, deadline: null, ...noParts, raw,
    });
    assert.equal(outboundFrameText(legacy('CallResult', 'id-1', '[3, "id-1", {"status": "Accepted"}]')), '[3, "id-1", {"status": "Accepted"}]');
    assert.equal(outboundFrameText(legacy('CallError', 'id-1', '[4,"id-1","NotSupported","no",{}]')), '[4,"id-1","NotSupported","no",{}]');
    assert.deepEqual(ocppFrameOf(legacy('Call', 'k1', '[2,"k1","Reset",{"type":"Soft"}]')), {
      messageTypeId: MessageType.Call, messageId: 'k1', action: 'Reset', payload: { type: 'Soft' },
    });
  });

  it('finds no frame in a record whose parts or text do not make one of its type and messageId', () => {
    const base: OutboundFrame = { ...outboundCall(to, { messageId: 'k1', action: 'Reset', payloadJson: '{}', deadline: null }) };
    for (const broken of [
      { ...base, payload: '{' }, // not JSON
      { ...base, action: null }, // a Call without its action
      { ...base, action: null, payload: null, raw: '' }, // neither parts nor text
      { ...base, action: null, payload: null, raw: '[3,"k1",{}]' }, // text of another type
      { ...base, action: null, payload: null, raw: '[2,"k2","Reset",{}]' }, // text of another message
      { ...base, action: null, payload: null, raw: 'nope' },
      { ...base, frameType: 'CallError', action: null, payload: null, errorCode: 'X', errorDescription: null },
    ] satisfies OutboundFrame[]) {
      assert.equal(outboundFrameText(broken), null, JSON.stringify(broken));
      assert.equal(ocppFrameOf(broken), null);
    }
  });
});
