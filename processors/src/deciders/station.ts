// Station lifecycle: which socket holds it, how it booted, what it reports (OCPP 1.6 §4.2,
// §4.3, §4.6, §4.9; OCPP 2.0.1 B01-B03, G01, G02, P02). The state only tracks the socket, the
// protocol it speaks and the registration; frequent facts such as heartbeats change nothing, so
// they cost no snapshot.
import type {
  ChargePoint, ConnectorStatusChanged, DataTransferReceived, HeartbeatReceived, InboundConnected, InboundDisconnected, Ocpp16,
  Ocpp201, RegistrationStatus, StationBooted, StationConnected, StationDisconnected,
} from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import type { Decider } from './decider.ts';
import { parseTimestamp, type FrameMeta, type Lookup, type ProcessorSettings, type UnknownStationPolicy } from './context.ts';
import { replyWith, replyWithError, type Replied } from './reply.ts';
import type { Versioned } from './versioned-payload.ts';

export type StationCommand =
  | { readonly type: 'Connect'; readonly record: InboundConnected }
  | { readonly type: 'Disconnect'; readonly record: InboundDisconnected }
  | ({
    readonly type: 'BootNotification'; readonly frame: FrameMeta;
    readonly chargePoints: Lookup<ChargePoint>; readonly settings: ProcessorSettings;
  } & Versioned<Ocpp16.BootNotificationRequest, Ocpp201.BootNotificationRequest>)
  | { readonly type: 'Heartbeat'; readonly frame: FrameMeta }
  | ({ readonly type: 'StatusNotification'; readonly frame: FrameMeta }
    & Versioned<Ocpp16.StatusNotificationRequest, Ocpp201.StatusNotificationRequest>)
  | ({ readonly type: 'DataTransfer'; readonly frame: FrameMeta; readonly settings: ProcessorSettings }
    & Versioned<Ocpp16.DataTransferRequest, Ocpp201.DataTransferRequest>)
  | { readonly type: 'UnsupportedAction'; readonly frame: FrameMeta; readonly action: string };

export type StationDeciderEvent =
  | StationConnected | StationDisconnected | StationBooted | HeartbeatReceived | ConnectorStatusChanged | DataTransferReceived
  | Replied;

export type StationState =
  | { readonly status: 'Unknown' }
  | {
    readonly status: 'Online'; readonly node: number; readonly connectionId: string;
    readonly registrationStatus: RegistrationStatus | null;
    /**
     * The OCPP version this connection speaks (its subprotocol). Absent from snapshots written
     * before it was kept, when the gateway negotiated nothing but ocpp1.6.
     */
    readonly protocol?: string;
    /**
     * The security profile this connection proved at the upgrade; null when its gateway did not
     * say (absent from snapshots written before it was kept: read as null).
     */
    readonly securityProfile: number | null;
  }
  | { readonly status: 'Offline'; readonly registrationStatus: RegistrationStatus | null };

const policyStatus: Record<UnknownStationPolicy, RegistrationStatus> = {
  accept: 'Accepted', pending: 'Pending', reject: 'Rejected',
};

type Command<T extends StationCommand['type']> = Extract<StationCommand, { type: T }>;

/** What a StationBooted says of the station itself, whichever version described it. */
type StationDescription = Omit<StationBooted, 'type' | 'chargePointId' | 'at' | 'registrationStatus' | 'heartbeatInterval'>;

function described(command: Command<'BootNotification'>): StationDescription {
  if (command.protocol === 'ocpp2.0.1') {
    // B01: the station describes itself in chargingStation, its modem in chargingStation.modem.
    const { chargingStation: station, reason } = command.payload;
    return {
      vendor: station.vendorName, model: station.model, serialNumber: station.serialNumber ?? null, chargeBoxSerialNumber: null,
      firmwareVersion: station.firmwareVersion ?? null, iccid: station.modem?.iccid ?? null, imsi: station.modem?.imsi ?? null,
      meterType: null, meterSerialNumber: null, bootReason: reason,
    };
  }
  const { payload } = command;
  return {
    vendor: payload.chargePointVendor, model: payload.chargePointModel,
    serialNumber: payload.chargePointSerialNumber ?? null, chargeBoxSerialNumber: payload.chargeBoxSerialNumber ?? null,
    firmwareVersion: payload.firmwareVersion ?? null, iccid: payload.iccid ?? null, imsi: payload.imsi ?? null,
    meterType: payload.meterType ?? null, meterSerialNumber: payload.meterSerialNumber ?? null, ...ocpp16Detail.StationBooted,
  };
}

/**
 * The registry, else the unknown-station policy, decides; the answer is the same in both versions,
 * and carries the interval whatever the status (2.0.1 B02/B03: a Pending or Rejected station
 * retries its BootNotification after it).
 */
function bootNotification(command: Command<'BootNotification'>): StationDeciderEvent[] {
  const { frame, chargePoints, settings } = command;
  const registrationStatus = chargePoints.get(frame.chargePointId)?.registrationStatus
    ?? policyStatus[settings.unknownStationPolicy];
  const interval = settings.heartbeatIntervalSeconds;
  return [
    {
      type: 'StationBooted', chargePointId: frame.chargePointId, at: frame.at, ...described(command),
      registrationStatus, heartbeatInterval: interval,
    },
    ...replyWith(frame, { status: registrationStatus, currentTime: new Date(frame.at).toISOString(), interval }),
  ];
}

type ConnectorStatus = Omit<ConnectorStatusChanged, 'type' | 'chargePointId' | 'at'>;

function connectorStatus(command: Command<'StatusNotification'>): ConnectorStatus {
  if (command.protocol === 'ocpp2.0.1') {
    // G01: the domain's connector is the 2.0.1 EVSE; a 2.0.1 status carries no error code (faults
    // come as events), so the status speaks for itself.
    const { payload } = command;
    return {
      connectorId: payload.evseId, evseConnectorId: payload.connectorId, status: payload.connectorStatus, errorCode: 'NoError',
      info: null, vendorId: null, vendorErrorCode: null, timestamp: parseTimestamp(payload.timestamp),
    };
  }
  const { payload } = command;
  return {
    connectorId: payload.connectorId, status: payload.status, errorCode: payload.errorCode,
    info: payload.info ?? null, vendorId: payload.vendorId ?? null, vendorErrorCode: payload.vendorErrorCode ?? null,
    timestamp: parseTimestamp(payload.timestamp), ...ocpp16Detail.ConnectorStatusChanged,
  };
}

function statusNotification(command: Command<'StatusNotification'>): StationDeciderEvent[] {
  const { frame } = command;
  return [
    { type: 'ConnectorStatusChanged', chargePointId: frame.chargePointId, at: frame.at, ...connectorStatus(command) },
    ...replyWith(frame, {}),
  ];
}

/** 1.6 data is text and kept as it is; 2.0.1 data may be any JSON value (P02), kept as its JSON text. */
function dataText(command: Command<'DataTransfer'>): string | null {
  if (command.protocol === 'ocpp2.0.1') return command.payload.data === undefined ? null : JSON.stringify(command.payload.data);
  return command.payload.data ?? null;
}

function dataTransfer(command: Command<'DataTransfer'>): StationDeciderEvent[] {
  const { frame, payload, settings } = command;
  const status = settings.dataTransferVendorIds.has(payload.vendorId) ? 'Accepted' : 'UnknownVendorId';
  return [
    {
      type: 'DataTransferReceived', chargePointId: frame.chargePointId, at: frame.at, vendorId: payload.vendorId,
      messageId: payload.messageId ?? null, data: dataText(command), status,
    },
    ...replyWith(frame, { status }),
  ];
}

function decide(command: StationCommand, _state: StationState): readonly StationDeciderEvent[] {
  switch (command.type) {
    case 'Connect': {
      const { chargePointId, at, node, connectionId, protocol, remoteAddress, securityProfile } = command.record;
      return [{ type: 'StationConnected', chargePointId, at, node, connectionId, protocol, remoteAddress, securityProfile }];
    }
    case 'Disconnect': {
      const { chargePointId, at, node, connectionId, code, reason } = command.record;
      return [{ type: 'StationDisconnected', chargePointId, at, node, connectionId, code, reason }];
    }
    case 'BootNotification':
      return bootNotification(command);
    case 'Heartbeat': {
      const { frame } = command;
      return [
        { type: 'HeartbeatReceived', chargePointId: frame.chargePointId, at: frame.at },
        ...replyWith(frame, { currentTime: new Date(frame.at).toISOString() }),
      ];
    }
    case 'StatusNotification':
      return statusNotification(command);
    case 'DataTransfer':
      return dataTransfer(command);
    case 'UnsupportedAction':
      // OCPP-J §4.2.3: the action is valid OCPP but this CSMS does not handle it yet.
      return replyWithError(command.frame, 'NotSupported', `${command.action} is not supported`);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

function registrationOf(state: StationState): RegistrationStatus | null {
  return state.status === 'Unknown' ? null : state.registrationStatus;
}

function evolve(state: StationState, event: StationDeciderEvent): StationState {
  switch (event.type) {
    case 'StationConnected':
      return {
        status: 'Online', node: event.node, connectionId: event.connectionId, registrationStatus: registrationOf(state),
        securityProfile: event.securityProfile, protocol: event.protocol,
      };
    case 'StationDisconnected':
      // A late Disconnected of an older socket must not take a reconnected station offline.
      if (state.status === 'Online' && state.connectionId !== event.connectionId) return state;
      return { status: 'Offline', registrationStatus: registrationOf(state) };
    case 'StationBooted':
      if (state.status === 'Unknown' || registrationOf(state) === event.registrationStatus) return state;
      return { ...state, registrationStatus: event.registrationStatus };
    case 'HeartbeatReceived':
    case 'ConnectorStatusChanged':
    case 'DataTransferReceived':
    case 'Replied':
      return state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const stationDecider: Decider<StationCommand, StationDeciderEvent, StationState> = {
  name: 'station', initialState: { status: 'Unknown' }, decide, evolve,
};
