import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  createSerdeOver, inMemorySchemaRegistry, MAX_RECORD_BYTES, outboundFrameText, type CommandRequested, type InboundFrame, type Serde,
} from '@csms/contracts';
import type { PendingCommand } from '../deciders/commands-state.ts';
import { AT, idTag, idTagTable, settings } from '../deciders/fixtures.ts';
import { createOverlay, emptyPartitionMemory, readState, type Overlay } from '../partition-memory.ts';
import type { RecordContext } from '../process-record.ts';
import { failureOutputs, stepRecord } from './record-step.ts';

const context: RecordContext = { partition: 0, settings: settings(), tables: { idTags: idTagTable(idTag('T1')), chargePoints: new Map(), tariffs: new Map(), tariffAssignments: new Map() } };

function call(action: string, payload: object, messageId = 'm1'): InboundFrame {
  return {
    type: 'Frame', chargePointId: 'CP001', node: 1, connectionId: 'c1', at: AT, protocol: 'ocpp1.6',
    raw: JSON.stringify([2, messageId, action, payload]), messageTypeId: 2, messageId, action,
    payload: JSON.stringify(payload), rejection: null, repliedByGateway: false, rawTruncated: null,
  };
}

let serde: Serde;
before(async () => { serde = await createSerdeOver(inMemorySchemaRegistry(), ''); });

async function step(record: InboundFrame, overlay: Overlay) {
  return stepRecord({ serde, source: 'inbound', value: await serde.encode('inbound', record), overlay, context });
}

describe('one record through the processors', () => {
  it('encodes what a record produced and adds its state to the batch', async () => {
    const overlay = createOverlay(emptyPartitionMemory());
    const result = await step(call('StartTransaction', { connectorId: 1, idTag: 'T1', meterStart: 0, timestamp: '2025-01-01T09:00:00Z' }), overlay);
    assert.equal(result.ok, true);
    assert.ok(result.ok && result.messages.some((m) => m.topic === 'sessions'));
    assert.ok(result.ok && result.messages.some((m) => m.topic === 'outbound' && m.partition === 1));
    assert.notDeepEqual(readState(overlay, 'sessions', 'CP001'), readState(createOverlay(emptyPartitionMemory()), 'sessions', 'CP001'));
  });

  it('fails a record whose event does not fit its schema, and leaves the batch state as it was', async () => {
    const overlay = createOverlay(emptyPartitionMemory());
    // Valid under the OCPP 1.6 JSON schema, but not an Avro int.
    const result = await step(call('StartTransaction', { connectorId: 3_000_000_000, idTag: 'T1', meterStart: 0, timestamp: '2025-01-01T09:00:00Z' }), overlay);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'ENCODE_FAILED');
    assert.equal(overlay.counter, 0, 'no transaction id was used up');
    assert.deepEqual(readState(overlay, 'sessions', 'CP001'), readState(createOverlay(emptyPartitionMemory()), 'sessions', 'CP001'));
    // The next record of the batch is decided as if the failed one had never been.
    const next = await step(call('StartTransaction', { connectorId: 1, idTag: 'T1', meterStart: 0, timestamp: '2025-01-01T09:00:00Z' }, 'm2'), overlay);
    assert.equal(next.ok, true);
  });

  it('fails, as TOO_LARGE, a record that grows a station\'s state past what a snapshot record may hold', async () => {
    // Eight pending commands of 110 KiB each: one more of 60 KiB takes the state past the limit.
    const memory = emptyPartitionMemory();
    const payload = (bytes: number) => JSON.stringify({ vendorId: 'v', data: 'x'.repeat(bytes) });
    const pending: PendingCommand[] = Array.from({ length: 8 }, (_, i) => ({
      commandId: `p${i}`, action: 'DataTransfer', messageId: `p${i}`, payload: payload(110 * 1024), deadline: AT + 60_000,
    }));
    memory.states.commands.set('CP001', { pending, reservations: [] });
    memory.states.station.set('CP001', { status: 'Online', node: 1, connectionId: 'c1', registrationStatus: 'Accepted', securityProfile: null });
    const overlay = createOverlay(memory);
    const request = (commandId: string, bytes: number): CommandRequested => ({
      type: 'CommandRequested', chargePointId: 'CP001', at: AT, commandId, action: 'DataTransfer', payload: payload(bytes),
      timeoutSeconds: 30, requestedBy: null,
    });
    const stepRequest = async (record: CommandRequested) => stepRecord({
      serde, source: 'commandRequests', value: await serde.encode('commandRequests', record), overlay, context,
    });
    const grown = await stepRequest(request('k1', 60 * 1024));
    assert.equal(!grown.ok && grown.reason, 'TOO_LARGE');
    assert.equal(readState(overlay, 'commands', 'CP001').pending.length, 8, 'the batch state is as it was');
    // A record that leaves the state alone, or keeps it within the limit, goes through.
    assert.equal((await step(call('Heartbeat', {}), overlay)).ok, true);
    const small = await stepRequest(request('k2', 10));
    assert.equal(small.ok, true);
    assert.deepEqual(small.ok && small.snapshots.map((m) => [m.topic, m.key, m.partition]), [['snapshots', 'commands:CP001', 0]]);
    assert.ok(small.ok && small.snapshots.every((m) => m.value.length <= MAX_RECORD_BYTES));
  });

  it('fails bytes that are not a record of the topic as DECODE_FAILED', async () => {
    const result = await stepRecord({ serde, source: 'inbound', value: Buffer.from('not avro'), overlay: createOverlay(emptyPartitionMemory()), context });
    assert.equal(!result.ok && result.reason, 'DECODE_FAILED');
  });

  it('throws a transient failure, so the batch is tried again rather than the record set aside', async () => {
    const unreachable = Object.assign(new Error('registry unreachable'), { code: 'ECONNREFUSED' });
    const flaky: Serde = { encode: serde.encode, decode: async () => { throw unreachable; } };
    await assert.rejects(
      stepRecord({ serde: flaky, source: 'inbound', value: Buffer.alloc(8), overlay: createOverlay(emptyPartitionMemory()), context }),
      (error: unknown) => error === unreachable,
    );
  });

  it('answers a station\'s failed CALL with InternalError on its node, and nothing else', async () => {
    const [reply, ...rest] = await failureOutputs(serde, { source: 'inbound', record: call('StartTransaction', {}) });
    assert.equal(rest.length, 0);
    assert.equal(reply?.topic, 'outbound');
    assert.equal(reply?.partition, 1);
    const frame = await serde.decode('outbound', reply!.value);
    assert.deepEqual(JSON.parse(outboundFrameText(frame)!).slice(0, 3), [4, 'm1', 'InternalError']);
    assert.deepEqual(await failureOutputs(serde, null), []);
    assert.deepEqual(await failureOutputs(serde, { source: 'inbound', record: { ...call('Heartbeat', {}), repliedByGateway: true } }), []);
  });

  it('accepts a failed StopTransaction with an empty CALLRESULT: a refusal can make the station drop its billing data', async () => {
    const stop = call('StopTransaction', { transactionId: 7, meterStop: 100, timestamp: '2025-01-01T10:00:00Z' });
    const [reply, ...rest] = await failureOutputs(serde, { source: 'inbound', record: stop });
    assert.equal(rest.length, 0);
    const frame = await serde.decode('outbound', reply!.value);
    assert.deepEqual([frame.frameType, JSON.parse(outboundFrameText(frame)!)], ['CallResult', [3, 'm1', {}]]);
  });

  it('accepts a failed 2.0.1 TransactionEvent with an empty CALLRESULT too, and refuses the 2.0.1 messages that cannot end a transaction', async () => {
    const event = { ...call('TransactionEvent', { eventType: 'Ended' }), protocol: 'ocpp2.0.1' };
    const [reply] = await failureOutputs(serde, { source: 'inbound', record: event });
    assert.deepEqual(JSON.parse(outboundFrameText(await serde.decode('outbound', reply!.value))!), [3, 'm1', {}]);
    const boot = { ...call('BootNotification', {}), protocol: 'ocpp2.0.1' };
    const [refusal] = await failureOutputs(serde, { source: 'inbound', record: boot });
    assert.deepEqual(JSON.parse(outboundFrameText(await serde.decode('outbound', refusal!.value))!).slice(0, 3), [4, 'm1', 'InternalError']);
  });

  it('completes a failed operator\'s command as Failed with InternalError, so whoever waits for it learns its end', async () => {
    const request: CommandRequested = {
      type: 'CommandRequested', chargePointId: 'CP001', at: AT, commandId: 'k1', action: 'Reset', payload: '{"type":"Soft"}',
      timeoutSeconds: 30, requestedBy: 'key:ops',
    };
    const [completion, ...rest] = await failureOutputs(serde, { source: 'commandRequests', record: request });
    assert.equal(rest.length, 0);
    assert.deepEqual([completion?.topic, completion?.key], ['commands', 'CP001']);
    const event = await serde.decode('commands', completion!.value);
    assert.deepEqual(event.type === 'CommandCompleted' && [event.commandId, event.action, event.outcome, event.errorCode, event.at],
      ['k1', 'Reset', 'Failed', 'InternalError', AT]);
  });
});
