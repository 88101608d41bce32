// Realistic events shared by the unit and integration tests.
import {
  ocpp16Detail,
  type ConnectorStatusChanged, type MeterValuesSampled, type SampledValue, type StationBooted, type StationConnected,
  type StationDisconnected, type TransactionStarted, type TransactionStopped,
} from '@csms/contracts';

export const T0 = Date.parse('2025-01-15T10:00:00.000Z');

export function connected(chargePointId: string, connectionId: string, at = T0): StationConnected {
  return { type: 'StationConnected', chargePointId, at, node: 0, connectionId, protocol: 'ocpp1.6', remoteAddress: '10.0.0.7', securityProfile: 0 };
}

export function disconnected(chargePointId: string, connectionId: string, at: number): StationDisconnected {
  return { type: 'StationDisconnected', chargePointId, at, node: 0, connectionId, code: 1006, reason: 'abnormal' };
}

export function booted(chargePointId: string, at = T0 + 1_000): StationBooted {
  return {
    type: 'StationBooted', chargePointId, at, vendor: 'ExampleVendor', model: 'Model-X', serialNumber: 'SN-12345',
    chargeBoxSerialNumber: 'CB-1', firmwareVersion: '1.2.3', iccid: null, imsi: null, meterType: 'AC', meterSerialNumber: 'M-1',
    registrationStatus: 'Accepted', heartbeatInterval: 60, ...ocpp16Detail.StationBooted,
  };
}

export function statusChanged(chargePointId: string, connectorId: number, status: string, at: number): ConnectorStatusChanged {
  return {
    type: 'ConnectorStatusChanged', chargePointId, at, connectorId, status, errorCode: 'NoError', info: null,
    vendorId: null, vendorErrorCode: null, timestamp: at - 500, ...ocpp16Detail.ConnectorStatusChanged,
  };
}

export function started(chargePointId: string, transactionId: number, startedAt: number): TransactionStarted {
  return {
    type: 'TransactionStarted', chargePointId, at: startedAt + 200, transactionId, connectorId: 1, idTag: 'RFID-12345',
    idTagStatus: 'Accepted', meterStartWh: 1_000, startedAt, reservationId: null, ...ocpp16Detail.TransactionStarted,
  };
}

export function sample(timestamp: number, measurand: string, value: string, unit: string): SampledValue {
  return { timestamp, value, measurand, unit, context: 'Sample.Periodic', phase: null, location: 'Outlet', format: 'Raw', ...ocpp16Detail.SampledValue };
}

export function sampled(chargePointId: string, transactionId: number, at: number): MeterValuesSampled {
  return {
    type: 'MeterValuesSampled', chargePointId, at, connectorId: 1, transactionId,
    samples: [sample(at - 100, 'Energy.Active.Import.Register', '15500', 'Wh'), sample(at - 100, 'Power.Active.Import', '7.2', 'kW')],
    ...ocpp16Detail.MeterValuesSampled,
  };
}

export function stopped(chargePointId: string, transactionId: number, stoppedAt: number, startedAt: number): TransactionStopped {
  return {
    type: 'TransactionStopped', chargePointId, at: stoppedAt + 200, transactionId, connectorId: 1, idTag: 'RFID-12345',
    meterStopWh: 26_500, stoppedAt, reason: 'Local', energyWh: 25_500, durationSeconds: (stoppedAt - startedAt) / 1000,
    transactionData: [sample(stoppedAt, 'Energy.Active.Import.Register', '26500', 'Wh')], ...ocpp16Detail.TransactionStopped,
  };
}
