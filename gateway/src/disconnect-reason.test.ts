import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disconnectReason } from './disconnect-reason.ts';

const texts = { replaced: 'replaced by a newer connection', kafkaUnavailable: 'inbound log unavailable' };

describe('disconnectReason', () => {
  it('names each close by its code, and the gateway\'s own closes by their reason', () => {
    const cases: [number, string, string][] = [
      [1000, '', 'station-closed'], [1000, texts.replaced, 'replaced'], [1001, 'going away', 'station-closed'],
      [1006, '', 'abnormal'], [1005, '', 'abnormal'], [1008, 'rate limit exceeded', 'policy'], [1003, '', 'policy'],
      [1009, '', 'too-big'], [1011, texts.kafkaUnavailable, 'kafka-unavailable'], [1011, 'internal error', 'internal'], [4000, 'vendor', 'other'],
    ];
    for (const [code, reason, expected] of cases) assert.equal(disconnectReason(code, reason, texts), expected, `${code} ${reason}`);
  });
});
