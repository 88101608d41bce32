import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InboundConnected, InboundDisconnected } from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import { deciderSpec } from './decider-spec.ts';
import { stationDecider, type StationDeciderEvent } from './station.ts';
import { AT, chargePoint, frame, settings } from './fixtures.ts';

const spec = deciderSpec(stationDecider);
const noChargePoints = new Map();
const boot = { chargePointVendor: 'Acme', chargePointModel: 'X1', firmwareVersion: '1.2' };
const connected: InboundConnected = {
  type: 'Connected', chargePointId: 'CP001', node: 2, connectionId: 'c1', at: AT, protocol: 'ocpp1.6', remoteAddress: null,
  securityProfile: 2,
};
const stationConnected: StationDeciderEvent = {
  type: 'StationConnected', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', protocol: 'ocpp1.6', remoteAddress: null,
  securityProfile: 2,
};

function disconnected(connectionId: string): InboundDisconnected {
  return { type: 'Disconnected', chargePointId: 'CP001', node: 2, connectionId, at: AT + 1, code: 1006, reason: '' };
}

function booted(registrationStatus: 'Accepted' | 'Pending' | 'Rejected', interval = 60): StationDeciderEvent {
  return {
    type: 'StationBooted', chargePointId: 'CP001', at: AT, vendor: 'Acme', model: 'X1', serialNumber: null,
    chargeBoxSerialNumber: null, firmwareVersion: '1.2', iccid: null, imsi: null, meterType: null, meterSerialNumber: null,
    registrationStatus, heartbeatInterval: interval, ...ocpp16Detail.StationBooted,
  };
}

function reply(payload: object): StationDeciderEvent {
  return { type: 'Replied', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', messageId: 'm1', body: { kind: 'CallResult', payload } };
}

describe('station decider', () => {
  it('records a connection and goes online, keeping the security profile the connection proved', () => {
    spec.given([]).when({ type: 'Connect', record: connected }).then([stationConnected]);
    spec.given([]).when({ type: 'Connect', record: connected }).thenState((state) => {
      assert.deepEqual(state, { status: 'Online', node: 2, connectionId: 'c1', registrationStatus: null, securityProfile: 2 });
    });
    // A reconnection proves its own: nothing carries over from the previous socket.
    spec.given([stationConnected]).when({ type: 'Connect', record: { ...connected, connectionId: 'c2', securityProfile: null } })
      .thenState((state) => assert.equal(state.status === 'Online' && state.securityProfile, null));
  });

  it('goes offline on the disconnect of its current socket only', () => {
    spec.given([stationConnected]).when({ type: 'Disconnect', record: disconnected('c1') }).thenState((state, events) => {
      assert.equal(events[0]?.type, 'StationDisconnected');
      assert.equal(state.status, 'Offline');
    });
    spec.given([stationConnected]).when({ type: 'Disconnect', record: disconnected('old') }).thenState((state) => {
      assert.equal(state.status, 'Online');
    });
  });

  it('boots an unknown station by the policy and replies with the interval', () => {
    const command = { type: 'BootNotification', frame: frame(), payload: boot, chargePoints: noChargePoints } as const;
    spec.given([stationConnected]).when({ ...command, settings: settings({ heartbeatIntervalSeconds: 300 }) })
      .then([booted('Accepted', 300), reply({ status: 'Accepted', currentTime: '2025-01-01T10:00:00.000Z', interval: 300 })]);
    spec.given([stationConnected]).when({ ...command, settings: settings({ unknownStationPolicy: 'pending' }) })
      .then([booted('Pending'), reply({ status: 'Pending', currentTime: '2025-01-01T10:00:00.000Z', interval: 60 })]);
  });

  it('boots a registered station with its registration status, whatever the policy', () => {
    spec.given([stationConnected]).when({
      type: 'BootNotification', frame: frame(), payload: boot, chargePoints: new Map([['CP001', chargePoint('CP001', 'Rejected')]]),
      settings: settings({ unknownStationPolicy: 'accept' }),
    }).thenState((state, events) => {
      assert.deepEqual(events[0], booted('Rejected'));
      assert.deepEqual(state, { status: 'Online', node: 2, connectionId: 'c1', registrationStatus: 'Rejected', securityProfile: 2 });
    });
  });

  it('records a heartbeat without replying when the gateway answered it', () => {
    spec.given([]).when({ type: 'Heartbeat', frame: frame({ replyExpected: false }) })
      .then([{ type: 'HeartbeatReceived', chargePointId: 'CP001', at: AT }]);
    spec.given([]).when({ type: 'Heartbeat', frame: frame() })
      .then([{ type: 'HeartbeatReceived', chargePointId: 'CP001', at: AT }, reply({ currentTime: '2025-01-01T10:00:00.000Z' })]);
  });

  it('records a connector status with the station time parsed', () => {
    const payload = { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: '2025-01-01T09:59:59.000Z' } as const;
    spec.given([]).when({ type: 'StatusNotification', frame: frame({ replyExpected: false }), payload }).then([{
      type: 'ConnectorStatusChanged', chargePointId: 'CP001', at: AT, connectorId: 1, status: 'Charging', errorCode: 'NoError',
      info: null, vendorId: null, vendorErrorCode: null, timestamp: AT - 1000, ...ocpp16Detail.ConnectorStatusChanged,
    }]);
  });

  it('answers DataTransfer with UnknownVendorId unless the vendor is known', () => {
    const payload = { vendorId: 'com.acme', data: 'x' };
    const event = (status: string): StationDeciderEvent => ({
      type: 'DataTransferReceived', chargePointId: 'CP001', at: AT, vendorId: 'com.acme', messageId: null, data: 'x', status,
    });
    spec.given([]).when({ type: 'DataTransfer', frame: frame(), payload, settings: settings() })
      .then([event('UnknownVendorId'), reply({ status: 'UnknownVendorId' })]);
    spec.given([]).when({ type: 'DataTransfer', frame: frame(), payload, settings: settings({ dataTransferVendorIds: new Set(['com.acme']) }) })
      .then([event('Accepted'), reply({ status: 'Accepted' })]);
  });

  it('answers an action it does not handle with a NotSupported CALLERROR', () => {
    spec.given([]).when({ type: 'UnsupportedAction', frame: frame(), action: 'Reset' }).then([{
      type: 'Replied', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', messageId: 'm1',
      body: { kind: 'CallError', errorCode: 'NotSupported', description: 'Reset is not supported' },
    }]);
  });
});
