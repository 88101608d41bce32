import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { outboundFrameText, type Serde } from '@csms/contracts';
import { classify } from '../record-output.ts';
import { encodeRecordOutput, outboundCallFrame, outboundFrame, requestsOf } from './batch-outputs.ts';

describe('outboundFrame', () => {
  const base = { type: 'Replied', chargePointId: 'CP1', at: 5, node: 7, connectionId: 'c9', messageId: 'id-1' } as const;

  it('writes a CALLRESULT as its parts, no text, for the node holding the socket', () => {
    const frame = outboundFrame({ ...base, body: { kind: 'CallResult', payload: { status: 'Accepted' } } });
    assert.deepEqual(frame, {
      chargePointId: 'CP1', node: 7, connectionId: 'c9', frameType: 'CallResult', messageId: 'id-1', at: 5, deadline: null,
      raw: '', action: null, payload: '{"status":"Accepted"}', errorCode: null, errorDescription: null, errorDetails: null,
    });
    assert.equal(outboundFrameText(frame), '[3,"id-1",{"status":"Accepted"}]');
  });

  it('writes a CALLERROR with empty details', () => {
    const frame = outboundFrame({ ...base, body: { kind: 'CallError', errorCode: 'NotSupported', description: 'no' } });
    assert.deepEqual([frame.frameType, frame.raw, frame.errorCode, frame.errorDescription, frame.errorDetails], ['CallError', '', 'NotSupported', 'no', null]);
    assert.equal(outboundFrameText(frame), '[4,"id-1","NotSupported","no",{}]');
  });
});

describe('outboundCallFrame', () => {
  it('writes a CSMS call as its parts, sent as [2, messageId, action, payload], for the node holding the socket, with its deadline', () => {
    const frame = outboundCallFrame({
      type: 'OutboundCall', chargePointId: 'CP1', at: 5, node: 7, connectionId: 'c9', messageId: 'k1', commandId: 'k1',
      action: 'Reset', payload: '{"type":"Soft"}', deadline: 30_005,
    });
    assert.deepEqual(frame, {
      chargePointId: 'CP1', node: 7, connectionId: 'c9', frameType: 'Call', messageId: 'k1', at: 5, deadline: 30_005,
      raw: '', action: 'Reset', payload: '{"type":"Soft"}', errorCode: null, errorDescription: null, errorDetails: null,
    });
    assert.equal(outboundFrameText(frame), '[2,"k1","Reset",{"type":"Soft"}]');
  });
});

describe('requestsOf', () => {
  const message = (topic: 'stations' | 'sessions', key: string, bytes: number) => ({ topic, key, value: Buffer.alloc(bytes) });

  it('keeps every request under the byte cap, in order, a larger message going alone', () => {
    const requests = requestsOf([
      message('stations', 'A', 300), message('sessions', 'A', 300), message('stations', 'B', 300), message('stations', 'C', 2000),
      message('sessions', 'D', 10),
    ], 'p.', 1000);
    const shape = requests.map((r) => r.map((t) => `${t.topic}:${t.messages.map((m) => m.key).join('')}`));
    assert.deepEqual(shape, [['p.csms.stations:A', 'p.csms.sessions:A'], ['p.csms.stations:B'], ['p.csms.stations:C'], ['p.csms.sessions:D']]);
  });
});

describe('encodeRecordOutput', () => {
  /** A serde port that writes JSON, so the test reads back what went where. */
  const jsonSerde: Serde = {
    encode: async (_topic, value) => Buffer.from(JSON.stringify(value)),
    decode: () => Promise.reject(new Error('not used')),
  };

  it('writes security facts to csms.security and station facts to csms.stations, keyed by charge point', async () => {
    const output = classify([
      { type: 'SecurityEventReported', chargePointId: 'CP1', at: 5, eventType: 'ResetOrReboot', timestamp: null, techInfo: null },
      { type: 'CertificateSigningRefused', chargePointId: 'CP2', at: 6, requestId: 'CP2/6/m', reason: 'NO_CERTIFICATE_AUTHORITY' },
      { type: 'LogStatusReported', chargePointId: 'CP1', at: 7, status: 'Uploaded', requestId: 1 },
    ]);
    const written = await encodeRecordOutput(jsonSerde, output);
    assert.deepEqual(written.map((m) => [m.topic, m.key, JSON.parse(String(m.value)).type]), [
      ['stations', 'CP1', 'LogStatusReported'],
      ['security', 'CP1', 'SecurityEventReported'],
      ['security', 'CP2', 'CertificateSigningRefused'],
    ]);
  });
});
