import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChargePointDetail, Command } from '../api/types.ts';
import type { LiveEvent } from './live-event.ts';
import { applyToStation, type StationView } from './station-reducer.ts';

const at = '2025-01-10T08:00:00.000Z';

function view(connectors: ChargePointDetail['connectors'], commands: Command[] = []): StationView {
  return {
    station: {
      id: 'CP1', name: null, protocol: 'ocpp1.6', securityProfile: 0, vendor: null, model: null, firmwareVersion: null, lastBootAt: null,
      connectors, connection: { connected: false, node: 0 },
    },
    commands,
  };
}

describe('applyToStation', () => {
  it('changes the status of a 1.6 connector', () => {
    const event: LiveEvent = { topic: 'stations', type: 'ConnectorStatusChanged', chargePointId: 'CP1', at, connectorId: 1, evseConnectorId: null, status: 'Charging' };
    const after = applyToStation(view([{ connectorId: 0, evseConnectorId: null, status: 'Available' }, { connectorId: 1, evseConnectorId: null, status: 'Available' }]), event);
    assert.deepEqual(after.station.connectors.map((c) => c.status), ['Available', 'Charging']);
    assert.equal(after.station.connectors[1]?.statusAt, at);
  });

  it('finds a 2.0.1 connector by its EVSE and connector, and adds one never seen', () => {
    const event: LiveEvent = { topic: 'stations', type: 'ConnectorStatusChanged', chargePointId: 'CP1', at, connectorId: 2, evseConnectorId: 1, status: 'Occupied' };
    const listed = applyToStation(view([{ connectorId: 2, evseConnectorId: 1, status: 'Available' }]), event);
    assert.deepEqual(listed.station.connectors, [{ connectorId: 2, evseConnectorId: 1, status: 'Occupied', statusAt: at }]);
    const added = applyToStation(view([{ connectorId: 1, evseConnectorId: 1, status: 'Available' }]), event);
    assert.deepEqual(added.station.connectors.map((c) => [c.connectorId, c.evseConnectorId, c.status]), [[1, 1, 'Available'], [2, 1, 'Occupied']]);
  });

  it('shows the connection of a StationConnected', () => {
    const event: LiveEvent = { topic: 'stations', type: 'StationConnected', chargePointId: 'CP1', at, node: 3, protocol: 'ocpp2.0.1', securityProfile: 1 };
    const after = applyToStation(view([]), event);
    assert.equal(after.station.connection?.connected, true);
    assert.equal(after.station.connection?.node, 3);
    assert.equal(after.station.connection?.securityProfile, 1);
    assert.equal(after.station.protocol, 'ocpp2.0.1');
  });

  it('moves a listed command on and puts a new one first', () => {
    const listed: Command = { id: 'c1', action: 'Reset', status: 'Sent' };
    const done: LiveEvent = { topic: 'commands', type: 'CommandCompleted', chargePointId: 'CP1', at, commandId: 'c1', action: 'Reset', status: 'Rejected' };
    const after = applyToStation(view([], [listed]), done);
    assert.deepEqual(after.commands, [{ id: 'c1', action: 'Reset', status: 'Rejected', completedAt: at }]);
    const requested: LiveEvent = { topic: 'commands', type: 'CommandRequested', chargePointId: 'CP1', at, commandId: 'c2', action: 'UnlockConnector', status: 'Requested' };
    assert.deepEqual(applyToStation(after, requested).commands.map((c) => c.id), ['c2', 'c1']);
  });

  it('leaves the page alone for another station', () => {
    const before = view([{ connectorId: 1, evseConnectorId: null, status: 'Available' }]);
    const event: LiveEvent = { topic: 'stations', type: 'ConnectorStatusChanged', chargePointId: 'CP2', at, connectorId: 1, evseConnectorId: null, status: 'Faulted' };
    assert.equal(applyToStation(before, event), before);
  });
});
