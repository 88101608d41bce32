import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLiveEvent } from './live-event.ts';

const at = '2025-01-10T08:00:00.000Z';

describe('parseLiveEvent', () => {
  it('reads a StationConnected with its node and protocol', () => {
    const event = parseLiveEvent(JSON.stringify({ topic: 'stations', type: 'StationConnected', chargePointId: 'CP1', at, node: 2, protocol: 'ocpp1.6', securityProfile: 3 }));
    assert.deepEqual(event, { topic: 'stations', type: 'StationConnected', chargePointId: 'CP1', at, node: 2, protocol: 'ocpp1.6', securityProfile: 3 });
  });

  it('reads a ConnectorStatusChanged of a 1.6 station (no EVSE)', () => {
    const event = parseLiveEvent(JSON.stringify({ topic: 'stations', type: 'ConnectorStatusChanged', chargePointId: 'CP1', at, connectorId: 1, status: 'Charging' }));
    assert.deepEqual(event, { topic: 'stations', type: 'ConnectorStatusChanged', chargePointId: 'CP1', at, connectorId: 1, evseConnectorId: null, status: 'Charging' });
  });

  it('reads a command event and refuses an unknown command status', () => {
    const good = { topic: 'commands', type: 'CommandCompleted', chargePointId: 'CP1', at, commandId: 'c1', action: 'Reset', status: 'Accepted' };
    assert.equal(parseLiveEvent(JSON.stringify(good))?.type, 'CommandCompleted');
    assert.equal(parseLiveEvent(JSON.stringify({ ...good, status: 'Maybe' })), null);
  });

  it('reads the transaction number of a session event as text', () => {
    const event = parseLiveEvent(JSON.stringify({ topic: 'sessions', type: 'MeterValuesSampled', chargePointId: 'CP1', at, transactionId: 42 }));
    assert.equal(event?.topic === 'sessions' ? event.transactionId : undefined, '42');
  });

  it('reads a session event with a null transaction id', () => {
    const event = parseLiveEvent(JSON.stringify({ topic: 'sessions', type: 'AuthorizationDecided', chargePointId: 'CP1', at, transactionId: null }));
    assert.deepEqual(event, { topic: 'sessions', type: 'AuthorizationDecided', chargePointId: 'CP1', at, transactionId: null });
  });

  it('skips what it cannot use: bad JSON, unknown topics and types, a missing station', () => {
    assert.equal(parseLiveEvent('{not json'), null);
    assert.equal(parseLiveEvent(JSON.stringify({ topic: 'billing', type: 'CdrIssued', chargePointId: 'CP1', at })), null);
    assert.equal(parseLiveEvent(JSON.stringify({ topic: 'stations', type: 'Exploded', chargePointId: 'CP1', at })), null);
    assert.equal(parseLiveEvent(JSON.stringify({ topic: 'stations', type: 'StationDisconnected', at })), null);
    assert.equal(parseLiveEvent(JSON.stringify({ topic: 'stations', type: 'StationConnected', chargePointId: 'CP1', at, node: 'x' })), null);
  });
});
