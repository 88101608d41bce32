import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FleetPage, FleetStation } from '../api/types.ts';
import { applyToFleet } from './fleet-reducer.ts';
import type { LiveEvent } from './live-event.ts';

const at = '2025-01-10T08:00:00.000Z';

function station(id: string, connected: boolean): FleetStation {
  return {
    id, name: null, connected, node: connected ? 0 : null, protocol: 'ocpp1.6', securityProfile: 0, requiredSecurityProfile: null, vendor: 'V', model: 'M',
    firmwareVersion: '1.0', lastBootAt: null, lastSeenAt: null, connectedAt: null, disconnectedAt: null,
  };
}

function page(...items: FleetStation[]): FleetPage {
  return { items, total: 10, limit: 50, offset: 0, summary: { stations: 10, connected: 3, protocols: { 'ocpp1.6': 10 } } };
}

describe('applyToFleet', () => {
  it('marks a listed station connected on its node and counts it once', () => {
    const event: LiveEvent = { topic: 'stations', type: 'StationConnected', chargePointId: 'CP2', at, node: 4, protocol: 'ocpp2.0.1', securityProfile: 2 };
    const { page: after, refetch } = applyToFleet(page(station('CP1', true), station('CP2', false)), event);
    assert.equal(refetch, false);
    assert.deepEqual(after.items[1], { ...station('CP2', false), connected: true, node: 4, protocol: 'ocpp2.0.1', securityProfile: 2, connectedAt: at, lastSeenAt: at });
    assert.equal(after.summary.connected, 4);
    assert.equal(applyToFleet(after, event).page.summary.connected, 4, 'a second Connected for a connected station is no new connection');
  });

  it('marks a listed station disconnected and lowers the count', () => {
    const event: LiveEvent = { topic: 'stations', type: 'StationDisconnected', chargePointId: 'CP1', at };
    const { page: after } = applyToFleet(page(station('CP1', true)), event);
    assert.equal(after.items[0]?.connected, false);
    assert.equal(after.items[0]?.disconnectedAt, at);
    assert.equal(after.summary.connected, 2);
  });

  it('takes the firmware of a boot', () => {
    const event: LiveEvent = { topic: 'stations', type: 'StationBooted', chargePointId: 'CP1', at, vendor: 'ABB', model: 'Terra', firmwareVersion: '2.1' };
    const row = applyToFleet(page(station('CP1', true)), event).page.items[0];
    assert.equal(row?.firmwareVersion, '2.1');
    assert.equal(row?.vendor, 'ABB');
    assert.equal(row?.lastBootAt, at);
  });

  it('counts a station connecting off the page and asks for a refetch', () => {
    const event: LiveEvent = { topic: 'stations', type: 'StationConnected', chargePointId: 'CP9', at, node: 1, protocol: null, securityProfile: null };
    const before = page(station('CP1', true));
    const { page: after, refetch } = applyToFleet(before, event);
    assert.equal(refetch, true);
    assert.equal(after.summary.connected, 4);
    assert.deepEqual(after.items, before.items);
  });

  it('ignores command and session events', () => {
    const before = page(station('CP1', true));
    const event: LiveEvent = { topic: 'sessions', type: 'TransactionStarted', chargePointId: 'CP1', at, transactionId: '7' };
    assert.deepEqual(applyToFleet(before, event), { page: before, refetch: false });
  });
});
