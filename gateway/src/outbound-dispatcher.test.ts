import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { outboundCall, outboundReply, type InboundRecord, type OutboundFrame } from '@csms/contracts';
import type { Admission, CsmsCall } from './call-queue.ts';
import { createConnectionRegistry, type Connection } from './connection-registry.ts';
import { createMetrics } from './metrics.ts';
import { createOutboundDispatcher, csmsCallOf } from './outbound-dispatcher.ts';

function setup(options: { open?: boolean; admission?: Admission; kafkaDown?: boolean } = {}) {
  const sent: string[] = [];
  const calls: CsmsCall[] = [];
  const recorded: InboundRecord[] = [];
  const connection: Connection = {
    chargePointId: 'CP1', connectionId: 'c1', node: 2, protocol: 'ocpp1.6', remoteAddress: null, connectedAt: 0,
    send: (raw) => { if (options.open ?? true) sent.push(raw); return options.open ?? true; },
    reply: (_messageId, raw) => { if (options.open ?? true) sent.push(raw); return options.open ?? true; },
    call: (c) => { calls.push(c); return options.admission ?? 'sent'; },
    close: () => undefined,
  };
  const registry = createConnectionRegistry();
  registry.add(connection);
  const inbound = {
    enqueue: async (record: InboundRecord) => {
      if (options.kafkaDown) throw new Error('kafka down');
      recorded.push(record);
    },
  };
  const metrics = createMetrics({ defaultMetrics: false });
  const dispatcher = createOutboundDispatcher({
    node: 2, registry, inbound, metrics, clock: () => 1234, logger: pino({ level: 'silent' }),
  });
  return { sent, calls, recorded, metrics, dispatcher };
}

/** A reply as a processor writes it: its parts, no text. */
const frame = (over: Partial<OutboundFrame> = {}): OutboundFrame => ({
  ...outboundReply({ chargePointId: 'CP1', node: 2, connectionId: null, at: 0 }, 'm1', { kind: 'CallResult', payload: {} }), ...over,
});
const reset = (over: Partial<OutboundFrame> = {}): OutboundFrame => ({
  ...outboundCall(
    { chargePointId: 'CP1', node: 2, connectionId: 'c1', at: 0 },
    { messageId: 'x', action: 'Reset', payloadJson: '{"type":"Soft"}', deadline: null },
  ),
  ...over,
});
/** A record written before the structured fields: the text only. */
const legacy = (over: Partial<OutboundFrame>): OutboundFrame => ({
  ...frame(), action: null, payload: null, errorCode: null, errorDescription: null, errorDetails: null, ...over,
});

describe('outbound dispatcher', () => {
  it('sends a reply to the socket of its charge point', async () => {
    const { sent, dispatcher } = setup();
    assert.equal(await dispatcher.dispatch(frame({ connectionId: 'c1' })), 'sent');
    assert.deepEqual(sent, ['[3,"m1",{}]']);
  });

  it('writes a CALLERROR from its parts, with empty details', async () => {
    const { sent, dispatcher } = setup();
    const error = outboundReply({ chargePointId: 'CP1', node: 2, connectionId: 'c1', at: 0 }, 'm2', {
      kind: 'CallError', errorCode: 'NotSupported', description: 'no',
    });
    assert.equal(await dispatcher.dispatch(error), 'sent');
    assert.deepEqual(sent, ['[4,"m2","NotSupported","no",{}]']);
  });

  it('sends the text of a record written before the structured fields as it is', async () => {
    const { sent, calls, dispatcher } = setup();
    assert.equal(await dispatcher.dispatch(legacy({ raw: '[3, "m1", {}]' })), 'sent');
    assert.equal(await dispatcher.dispatch(legacy({ frameType: 'Call', messageId: 'x', raw: '[2,"x","Reset",{"type":"Soft"}]' })), 'sent');
    assert.deepEqual(sent, ['[3, "m1", {}]']);
    assert.deepEqual(calls, [{ messageId: 'x', action: 'Reset', raw: '[2,"x","Reset",{"type":"Soft"}]', deadline: null }]);
  });

  it('drops a reply frame that carries no reply of its messageId', async () => {
    const { sent, dispatcher } = setup();
    assert.equal(await dispatcher.dispatch(frame({ payload: null })), 'malformed-reply');
    assert.equal(await dispatcher.dispatch(legacy({ raw: '[3,"other",{}]' })), 'malformed-reply');
    assert.deepEqual(sent, []);
  });

  it('hands a CSMS CALL to the connection, which sends or queues it', async () => {
    const { sent, calls, dispatcher } = setup({ admission: 'queued' });
    assert.equal(await dispatcher.dispatch(reset()), 'queued');
    assert.deepEqual(calls, [{ messageId: 'x', action: 'Reset', raw: '[2,"x","Reset",{"type":"Soft"}]', deadline: null }]);
    assert.deepEqual(sent, [], 'the connection writes it, not the dispatcher');
  });

  it('hands the CALL over with the deadline of its command, and reports one that came too late', async () => {
    const { calls, dispatcher } = setup({ admission: 'expired' });
    assert.equal(await dispatcher.dispatch(reset({ deadline: 99_000 })), 'expired');
    assert.deepEqual(calls.map((c) => c.deadline), [99_000]);
  });

  it('drops replies for sockets it does not hold, recording nothing', async () => {
    const { sent, recorded, dispatcher } = setup();
    assert.equal(await dispatcher.dispatch(frame({ chargePointId: 'CP9' })), 'no-connection');
    assert.equal(await dispatcher.dispatch(frame({ connectionId: 'older' })), 'connection-replaced');
    assert.equal(await dispatcher.dispatch(frame({ node: 3 })), 'wrong-node');
    assert.deepEqual([sent, recorded], [[], []]);
  });

  it('records a CALL for a socket it does not hold as undelivered (ConnectionGone)', async () => {
    const { calls, recorded, metrics, dispatcher } = setup();
    assert.equal(await dispatcher.dispatch(reset({ chargePointId: 'CP9', connectionId: null })), 'no-connection');
    assert.equal(await dispatcher.dispatch(reset({ connectionId: 'older' })), 'connection-replaced');
    assert.equal(await dispatcher.dispatch(reset({ node: 3 })), 'wrong-node');
    assert.deepEqual(calls, []);
    assert.deepEqual(recorded[0], {
      type: 'CallUndelivered', chargePointId: 'CP9', node: 2, connectionId: null, at: 1234, messageId: 'x', reason: 'ConnectionGone',
    });
    assert.deepEqual(recorded.map((r) => r.type === 'CallUndelivered' && r.connectionId), [null, 'older', 'c1']);
    assert.equal((await metrics.callsUndelivered.get()).values[0]?.value, 3);
  });

  it('fails the dispatch when the undelivered CALL cannot be recorded, so the record is retried', async () => {
    const { dispatcher } = setup({ kafkaDown: true });
    await assert.rejects(dispatcher.dispatch(reset({ chargePointId: 'CP9' })), /kafka down/);
  });

  it('drops a Call frame that does not carry a CALL with its messageId', async () => {
    const { calls, recorded, dispatcher } = setup();
    const legacyCall = (raw: string) => legacy({ frameType: 'Call', messageId: 'x', connectionId: 'c1', raw });
    assert.equal(await dispatcher.dispatch(legacyCall('[3,"x",{}]')), 'malformed-call');
    assert.equal(await dispatcher.dispatch(legacyCall('[2,"y","Reset",{}]')), 'malformed-call');
    assert.equal(await dispatcher.dispatch(reset({ action: null })), 'malformed-call');
    assert.deepEqual([calls, recorded], [[], []]);
    assert.equal(csmsCallOf(legacyCall('nope')), null);
    assert.equal(csmsCallOf(reset({ payload: 'not json' })), null);
  });

  it('reports a socket that closed meanwhile', async () => {
    const { dispatcher } = setup({ open: false });
    assert.equal(await dispatcher.dispatch(frame()), 'socket-closed');
  });

  it('reports a CALL offered to a connection that has just closed as socket-closed', async () => {
    const { dispatcher } = setup({ admission: 'closed' });
    assert.equal(await dispatcher.dispatch(reset()), 'socket-closed');
  });
});
