import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConnectionRegistry, type Connection } from './connection-registry.ts';

function fakeConnection(chargePointId: string, connectionId: string): Connection & { sent: string[] } {
  const sent: string[] = [];
  return {
    chargePointId, connectionId, node: 0, protocol: 'ocpp1.6', remoteAddress: '10.0.0.1', connectedAt: Date.UTC(2025, 0, 1),
    sent, send: (raw) => { sent.push(raw); return true; }, reply: (_messageId, raw) => { sent.push(raw); return true; },
    call: () => 'sent', close: () => undefined,
  };
}

describe('connection registry', () => {
  it('holds one connection per charge point and returns the replaced one', () => {
    const registry = createConnectionRegistry();
    const first = fakeConnection('CP1', 'a');
    const second = fakeConnection('CP1', 'b');
    assert.equal(registry.add(first), undefined);
    assert.equal(registry.add(second), first);
    assert.equal(registry.size, 1);
    assert.equal(registry.get('CP1'), second);
  });

  it('ignores the removal of a connection that was replaced', () => {
    const registry = createConnectionRegistry();
    registry.add(fakeConnection('CP1', 'a'));
    registry.add(fakeConnection('CP1', 'b'));
    assert.equal(registry.remove('CP1', 'a'), false);
    assert.equal(registry.get('CP1')?.connectionId, 'b');
    assert.equal(registry.remove('CP1', 'b'), true);
    assert.equal(registry.size, 0);
  });

  it('counts messages and reports connection info', () => {
    const registry = createConnectionRegistry();
    registry.add(fakeConnection('CP1', 'a'));
    registry.noteMessage('CP1', 'a', Date.UTC(2025, 0, 1, 0, 0, 10));
    registry.noteMessage('CP1', 'a', Date.UTC(2025, 0, 1, 0, 0, 20));
    registry.noteMessage('CP1', 'stale', Date.UTC(2025, 0, 1, 0, 0, 30));
    assert.deepEqual(registry.info('CP1'), {
      chargePointId: 'CP1', connectionId: 'a', node: 0, protocol: 'ocpp1.6', remoteAddress: '10.0.0.1',
      connectedAt: '2025-01-01T00:00:00.000Z', lastMessageAt: '2025-01-01T00:00:20.000Z', messagesReceived: 2,
    });
    assert.equal(registry.info('nope'), undefined);
    assert.deepEqual(registry.list().map((c) => c.chargePointId), ['CP1']);
  });

  it('tells when the current connection last showed life: connected, a frame, a pong; never a replaced one', () => {
    const registry = createConnectionRegistry();
    const t0 = Date.UTC(2025, 0, 1);
    assert.equal(registry.lastSeenAt('CP1'), null);
    registry.add(fakeConnection('CP1', 'a'));
    assert.equal(registry.lastSeenAt('CP1'), t0);
    registry.noteMessage('CP1', 'a', t0 + 10);
    assert.equal(registry.lastSeenAt('CP1'), t0 + 10);
    registry.noteAlive('CP1', 'a', t0 + 20);
    registry.noteAlive('CP1', 'stale', t0 + 30);
    assert.equal(registry.lastSeenAt('CP1'), t0 + 20);
  });
});
