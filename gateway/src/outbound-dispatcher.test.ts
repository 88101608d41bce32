import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OutboundFrame } from '@csms/contracts';
import { createConnectionRegistry, type Connection } from './connection-registry.ts';
import { createOutboundDispatcher } from './outbound-dispatcher.ts';

function setup(open = true) {
  const sent: string[] = [];
  const connection: Connection = {
    chargePointId: 'CP1', connectionId: 'c1', node: 2, protocol: 'ocpp1.6', remoteAddress: null, connectedAt: 0,
    send: (raw) => { if (open) sent.push(raw); return open; }, close: () => undefined,
  };
  const registry = createConnectionRegistry();
  registry.add(connection);
  return { sent, dispatcher: createOutboundDispatcher({ node: 2, registry }) };
}

const frame = (over: Partial<OutboundFrame> = {}): OutboundFrame => ({
  chargePointId: 'CP1', node: 2, connectionId: null, frameType: 'CallResult', messageId: 'm1', raw: '[3,"m1",{}]', at: 0, ...over,
});

describe('outbound dispatcher', () => {
  it('sends a reply or a CSMS CALL to the socket of its charge point', () => {
    const { sent, dispatcher } = setup();
    assert.equal(dispatcher.dispatch(frame({ connectionId: 'c1' })), 'sent');
    assert.equal(dispatcher.dispatch(frame({ frameType: 'Call', raw: '[2,"x","Reset",{"type":"Soft"}]' })), 'sent');
    assert.deepEqual(sent, ['[3,"m1",{}]', '[2,"x","Reset",{"type":"Soft"}]']);
  });

  it('drops frames for sockets it does not hold', () => {
    const { sent, dispatcher } = setup();
    assert.equal(dispatcher.dispatch(frame({ chargePointId: 'CP9' })), 'no-connection');
    assert.equal(dispatcher.dispatch(frame({ connectionId: 'older' })), 'connection-replaced');
    assert.equal(dispatcher.dispatch(frame({ node: 3 })), 'wrong-node');
    assert.deepEqual(sent, []);
  });

  it('reports a socket that closed meanwhile', () => {
    const { dispatcher } = setup(false);
    assert.equal(dispatcher.dispatch(frame()), 'socket-closed');
  });
});
