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
      assert.deepEqual(state, { status: 'Online', node: 2, connectionId: 'c1', registrationStatus: null, securityProfile: 2, protocol: 'ocpp1.6' });
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
      assert.deepEqual(state, { status: 'Online', node: 2, connectionId: 'c1', registrationStatus: 'Rejected', securityProfile: 2, protocol: 'ocpp1.6' });
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

describe('station decider, OCPP 2.0.1', () => {
  const connected201: StationDeciderEvent = { ...stationConnected, protocol: 'ocpp2.0.1' };
  const boot201 = {
    chargingStation: { vendorName: 'Acme', model: 'X2', serialNumber: 'S-1', firmwareVersion: '2.0', modem: { iccid: '8931', imsi: '2620' } },
    reason: 'PowerUp',
  } as const;
  const booted201 = (registrationStatus: 'Accepted' | 'Pending' | 'Rejected', interval = 60): StationDeciderEvent => ({
    type: 'StationBooted', chargePointId: 'CP001', at: AT, vendor: 'Acme', model: 'X2', serialNumber: 'S-1', chargeBoxSerialNumber: null,
    firmwareVersion: '2.0', iccid: '8931', imsi: '2620', meterType: null, meterSerialNumber: null, registrationStatus,
    heartbeatInterval: interval, bootReason: 'PowerUp',
  });

  it('keeps the protocol the connection speaks', () => {
    spec.given([]).when({ type: 'Connect', record: { ...connected, protocol: 'ocpp2.0.1' } }).thenState((state, events) => {
      assert.deepEqual(events, [connected201]);
      assert.equal(state.status === 'Online' && state.protocol, 'ocpp2.0.1');
    });
  });

  it('boots a station from its chargingStation with its boot reason (B01), answering with the interval whatever the status (B02, B03)', () => {
    const command = { type: 'BootNotification', frame: frame(), protocol: 'ocpp2.0.1', payload: boot201 } as const;
    spec.given([connected201]).when({ ...command, chargePoints: noChargePoints, settings: settings({ heartbeatIntervalSeconds: 300 }) })
      .then([booted201('Accepted', 300), reply({ status: 'Accepted', currentTime: '2025-01-01T10:00:00.000Z', interval: 300 })]);
    spec.given([connected201]).when({ ...command, chargePoints: noChargePoints, settings: settings({ unknownStationPolicy: 'pending' }) })
      .then([booted201('Pending'), reply({ status: 'Pending', currentTime: '2025-01-01T10:00:00.000Z', interval: 60 })]);
    spec.given([connected201]).when({ ...command, chargePoints: noChargePoints, settings: settings({ unknownStationPolicy: 'reject' }) })
      .then([booted201('Rejected'), reply({ status: 'Rejected', currentTime: '2025-01-01T10:00:00.000Z', interval: 60 })]);
  });

  it('boots a registered 2.0.1 station with its registration status, and one that names no serial number or modem with nulls', () => {
    const chargePoints = new Map([['CP001', chargePoint('CP001', 'Pending')]]);
    const bare = { chargingStation: { vendorName: 'Acme', model: 'X2' }, reason: 'Watchdog' } as const;
    spec.given([connected201]).when({
      type: 'BootNotification', frame: frame(), protocol: 'ocpp2.0.1', payload: bare, chargePoints, settings: settings(),
    }).thenState((state, events) => {
      assert.deepEqual(events[0], {
        ...booted201('Pending'), serialNumber: null, firmwareVersion: null, iccid: null, imsi: null, bootReason: 'Watchdog',
      });
      assert.equal(state.status === 'Online' && state.registrationStatus, 'Pending');
    });
  });

  it('records an EVSE connector\'s status as the domain connector\'s: connectorId is the EVSE, evseConnectorId its connector (G01)', () => {
    const payload = { timestamp: '2025-01-01T09:59:59.000Z', connectorStatus: 'Occupied', evseId: 2, connectorId: 1 } as const;
    spec.given([]).when({ type: 'StatusNotification', frame: frame({ replyExpected: false }), protocol: 'ocpp2.0.1', payload }).then([{
      type: 'ConnectorStatusChanged', chargePointId: 'CP001', at: AT, connectorId: 2, evseConnectorId: 1, status: 'Occupied', errorCode: 'NoError',
      info: null, vendorId: null, vendorErrorCode: null, timestamp: AT - 1000,
    }]);
  });

  it('keeps a 2.0.1 DataTransfer\'s data, whatever JSON it is, as JSON text, and answers by the vendor as in 1.6', () => {
    const event = (data: string | null, status: string): StationDeciderEvent => ({
      type: 'DataTransferReceived', chargePointId: 'CP001', at: AT, vendorId: 'com.acme', messageId: 'm', data, status,
    });
    const known = settings({ dataTransferVendorIds: new Set(['com.acme']) });
    const cases = [[{ a: [1, 'b'] }, '{"a":[1,"b"]}'], ['text', '"text"'], [42, '42'], [undefined, null]] as const;
    for (const [data, text] of cases) {
      // The generated type says object; the 2.0.1 schema lets data be any JSON value (P02).
      const payload = { vendorId: 'com.acme', messageId: 'm', ...(data === undefined ? {} : { data: data as unknown as { [k: string]: unknown } }) };
      spec.given([]).when({ type: 'DataTransfer', frame: frame(), protocol: 'ocpp2.0.1', payload, settings: known })
        .then([event(text, 'Accepted'), reply({ status: 'Accepted' })]);
    }
    spec.given([]).when({ type: 'DataTransfer', frame: frame(), protocol: 'ocpp2.0.1', payload: { vendorId: 'com.acme', messageId: 'm' }, settings: settings() })
      .then([event(null, 'UnknownVendorId'), reply({ status: 'UnknownVendorId' })]);
  });

  it('records a 2.0.1 heartbeat as a 1.6 one: the command is the same', () => {
    spec.given([connected201]).when({ type: 'Heartbeat', frame: frame({ replyExpected: false }) })
      .then([{ type: 'HeartbeatReceived', chargePointId: 'CP001', at: AT }]);
  });
});
