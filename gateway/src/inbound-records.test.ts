import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { envReader } from '@csms/infra';
import { readGatewayConfig } from './config.ts';
import { decideFrame, type FrameContext } from './frame-decider.ts';
import { connectedRecord, frameRecord } from './inbound-records.ts';
import { createPayloadValidator } from './payload-validator.ts';
import { auditText } from './raw-audit.ts';

const config = readGatewayConfig(envReader({}));
const conn = { chargePointId: 'CP-1', node: 0, connectionId: 'c-1', protocol: 'ocpp1.6', remoteAddress: null, presentedProfile: 0, verifiedProfile: 0 } as const;
const ctx: FrameContext = {
  protocol: 'ocpp1.6', validator: createPayloadValidator('ocpp1.6'), now: 0, awaiting: null,
  rateLimit: { admit: () => true, description: '' },
};

function recordOf(raw: string, context: FrameContext = ctx) {
  return frameRecord(conn, 0, auditText(raw, config.edge.inboundRawMaxBytes), decideFrame(raw, context));
}

/** The bytes of a record's text, which is what its Avro encoding is made of. */
function textBytes(record: ReturnType<typeof recordOf>): number {
  return [record.raw, record.payload ?? '', record.messageId ?? '', record.action ?? '', record.rejection?.description ?? '', record.chargePointId]
    .reduce((sum, text) => sum + Buffer.byteLength(text), 0);
}

describe('connected records', () => {
  it('say which security profile the connection proved, for the processors to sign CSRs only over 2 or 3', () => {
    assert.equal(connectedRecord(conn, 5).securityProfile, 0);
    // Basic credentials over wss:// presented by a station that had none to prove: what counts is what it proved.
    assert.equal(connectedRecord({ ...conn, presentedProfile: 2, verifiedProfile: 0 }, 5).securityProfile, 0);
    assert.deepEqual(connectedRecord({ ...conn, presentedProfile: 3, verifiedProfile: 3 }, 5), {
      type: 'Connected', chargePointId: 'CP-1', node: 0, connectionId: 'c-1', at: 5, protocol: 'ocpp1.6', remoteAddress: null,
      securityProfile: 3,
    });
  });
});

describe('frame records', () => {
  it('keeps the payload of what processors act on, and drops it for rejected frames and unawaited answers', () => {
    assert.equal(recordOf('[2,"b","BootNotification",{"chargePointVendor":"V","chargePointModel":"M"}]').payload,
      '{"chargePointVendor":"V","chargePointModel":"M"}');
    assert.equal(recordOf('[2,"h","Heartbeat",{}]').payload, '{}', 'answered by the gateway, still read by processors');
    assert.equal(recordOf('[3,"r",{"status":"Accepted"}]', { ...ctx, awaiting: { messageId: 'r', action: 'Reset' } }).payload,
      '{"status":"Accepted"}');
    assert.equal(recordOf('[2,"x","Authorize",{"idTag":"A\\u0000"}]').payload, null, 'a value that failed the rules goes nowhere');
    assert.equal(recordOf('[3,"late",{"status":"Accepted"}]').payload, null);
  });

  it('stays well under the writer\'s byte cap for the largest frame whose numbers grow when written out', () => {
    // A CALLRESULT at the frame limit, all numbers written as short as JSON allows (1e9, 1e15):
    // re-serialised, each becomes 10 or 16 digits.
    const head = '[3,"r",{"status":"Accepted","chargingSchedule":{"chargingRateUnit":"W","chargingSchedulePeriod":[';
    const period = '{"startPeriod":1e9,"limit":1e15,"numberPhases":3}';
    const count = Math.floor((config.maxFrameBytes - head.length - 4) / (period.length + 1));
    const raw = `${head}${Array(count).fill(period).join(',')}]}}]`;
    assert.ok(raw.length <= config.maxFrameBytes);
    const record = recordOf(raw, { ...ctx, awaiting: { messageId: 'r', action: 'GetCompositeSchedule' } });
    assert.equal(record.rejection, null);
    assert.ok(record.payload !== null && record.payload.length <= 4 * raw.length);
    assert.ok(textBytes(record) < config.maxBatchBytes * 0.7, `${textBytes(record)} bytes of ${config.maxBatchBytes}`);
  });
});
