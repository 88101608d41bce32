// The facts of one OCPP 1.6 station, shaped as the processors write them (processors/src/deciders:
// station.ts, sessions.ts, authorization.ts) and as the api writes a registration or an id tag.
// Each takes the time the CSMS received the frame (`at`); a station's own timestamps run a little
// ahead of it, as a station's clock does before the frame crosses the network.
import {
  ocpp16Detail,
  type AuthorizationDecided, type ChargePoint, type ConnectorStatusChanged, type HeartbeatReceived, type IdTag, type MeterValuesSampled,
  type SampledValue, type StationBooted, type StationConnected, type TransactionStarted, type TransactionStopped,
} from '@csms/contracts';

/** How far a station's timestamp runs ahead of the CSMS receiving its frame. */
export const IN_FLIGHT_MS = 300;
/** What the processors answer a boot with: a deployment's interval, so idle stations stay quiet between sessions. */
export const HEARTBEAT_INTERVAL_S = 1800;

/** One charging session as the station runs it; times are epoch ms. */
export interface Session {
  readonly chargePointId: string;
  readonly transactionId: number;
  readonly idTag: string;
  readonly meterStartWh: number;
  readonly energyWh: number;
  /** The station's timestamps of its StartTransaction and StopTransaction. */
  readonly startedAt: number;
  readonly stoppedAt: number;
}

export function registration(id: string, at: number): ChargePoint {
  return {
    id, name: null, location: null, registrationStatus: 'Accepted', updatedAt: at, securityProfile: 0, updatedBy: null, site: null,
  };
}

export function idTagRecord(idTag: string, at: number): IdTag {
  return { idTag, status: 'Accepted', expiryDate: null, parentIdTag: null, updatedAt: at, updatedBy: null, ...ocpp16Detail.IdTag };
}

/** `index` gives each station an address and a connection of its own. */
export function connected(chargePointId: string, index: number, at: number): StationConnected {
  return {
    type: 'StationConnected', chargePointId, at, node: 0, connectionId: `${chargePointId}-1`, protocol: 'ocpp1.6',
    remoteAddress: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`, securityProfile: 0,
  };
}

export function booted(chargePointId: string, index: number, at: number): StationBooted {
  return {
    type: 'StationBooted', chargePointId, at, vendor: 'RebuildBench', model: 'RB-22', serialNumber: `SN-${index}`,
    chargeBoxSerialNumber: null, firmwareVersion: '1.4.2', iccid: null, imsi: null, meterType: 'AC', meterSerialNumber: `M-${index}`,
    registrationStatus: 'Accepted', heartbeatInterval: HEARTBEAT_INTERVAL_S, ...ocpp16Detail.StationBooted,
  };
}

/** 1.6 §4.9 StatusNotification of connector 1, the station's only one. */
export function connectorStatus(chargePointId: string, status: string, at: number): ConnectorStatusChanged {
  return {
    type: 'ConnectorStatusChanged', chargePointId, at, connectorId: 1, status, errorCode: 'NoError', info: null, vendorId: null,
    vendorErrorCode: null, timestamp: at - IN_FLIGHT_MS, ...ocpp16Detail.ConnectorStatusChanged,
  };
}

export function heartbeat(chargePointId: string, at: number): HeartbeatReceived {
  return { type: 'HeartbeatReceived', chargePointId, at };
}

export function authorized(session: Session, at: number): AuthorizationDecided {
  return {
    type: 'AuthorizationDecided', chargePointId: session.chargePointId, at, idTag: session.idTag, status: 'Accepted',
    expiryDate: null, parentIdTag: null, ...ocpp16Detail.AuthorizationDecided,
  };
}

export function started(session: Session, at: number): TransactionStarted {
  return {
    type: 'TransactionStarted', chargePointId: session.chargePointId, at, transactionId: session.transactionId, connectorId: 1,
    idTag: session.idTag, idTagStatus: 'Accepted', meterStartWh: session.meterStartWh, startedAt: session.startedAt,
    reservationId: null, ...ocpp16Detail.TransactionStarted,
  };
}

function sampledValue(timestamp: number, measurand: string, value: string, unit: string, context: string): SampledValue {
  return { timestamp, value, measurand, unit, context, phase: null, location: 'Outlet', format: 'Raw', ...ocpp16Detail.SampledValue };
}

/** A MeterValues.req (1.6 §4.7) with the energy register and the power, as the seed workflow sends them. */
export function sampled(session: Session, registerWh: number, at: number): MeterValuesSampled {
  const hours = (session.stoppedAt - session.startedAt) / 3_600_000;
  const kW = (session.energyWh / 1000 / hours).toFixed(1);
  const timestamp = at - IN_FLIGHT_MS;
  return {
    type: 'MeterValuesSampled', chargePointId: session.chargePointId, at, connectorId: 1, transactionId: session.transactionId,
    samples: [
      sampledValue(timestamp, 'Energy.Active.Import.Register', String(registerWh), 'Wh', 'Sample.Periodic'),
      sampledValue(timestamp, 'Power.Active.Import', kW, 'kW', 'Sample.Periodic'),
    ],
    ...ocpp16Detail.MeterValuesSampled,
  };
}

/** What the sessions decider makes of a StopTransaction.req whose start it saw; its transactionData is the final register. */
export function stopped(session: Session, at: number): TransactionStopped {
  const meterStopWh = session.meterStartWh + session.energyWh;
  return {
    type: 'TransactionStopped', chargePointId: session.chargePointId, at, transactionId: session.transactionId, connectorId: 1,
    idTag: session.idTag, meterStopWh, stoppedAt: session.stoppedAt, reason: 'EVDisconnected', energyWh: session.energyWh,
    durationSeconds: Math.round((session.stoppedAt - session.startedAt) / 1000),
    transactionData: [sampledValue(session.stoppedAt, 'Energy.Active.Import.Register', String(meterStopWh), 'Wh', 'Transaction.End')],
    ...ocpp16Detail.TransactionStopped,
  };
}
