// Station lifecycle: which socket holds it, how it booted, what it reports (OCPP 1.6 §4.2,
// §4.3, §4.6, §4.9). The state only tracks the socket and registration; frequent facts such
// as heartbeats change nothing, so they cost no snapshot.
import type {
  ChargePoint, ConnectorStatusChanged, DataTransferReceived, HeartbeatReceived, InboundConnected, InboundDisconnected, Ocpp16,
  RegistrationStatus, StationBooted, StationConnected, StationDisconnected,
} from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import type { Decider } from './decider.ts';
import { parseTimestamp, type FrameMeta, type Lookup, type ProcessorSettings, type UnknownStationPolicy } from './context.ts';
import { replyWith, replyWithError, type Replied } from './reply.ts';

export type StationCommand =
  | { readonly type: 'Connect'; readonly record: InboundConnected }
  | { readonly type: 'Disconnect'; readonly record: InboundDisconnected }
  | {
    readonly type: 'BootNotification'; readonly frame: FrameMeta; readonly payload: Ocpp16.BootNotificationRequest;
    readonly chargePoints: Lookup<ChargePoint>; readonly settings: ProcessorSettings;
  }
  | { readonly type: 'Heartbeat'; readonly frame: FrameMeta }
  | { readonly type: 'StatusNotification'; readonly frame: FrameMeta; readonly payload: Ocpp16.StatusNotificationRequest }
  | {
    readonly type: 'DataTransfer'; readonly frame: FrameMeta; readonly payload: Ocpp16.DataTransferRequest;
    readonly settings: ProcessorSettings;
  }
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
     * The security profile this connection proved at the upgrade; null when its gateway did not
     * say (absent from snapshots written before it was kept: read as null).
     */
    readonly securityProfile: number | null;
  }
  | { readonly status: 'Offline'; readonly registrationStatus: RegistrationStatus | null };

const policyStatus: Record<UnknownStationPolicy, RegistrationStatus> = {
  accept: 'Accepted', pending: 'Pending', reject: 'Rejected',
};

function bootNotification(command: Extract<StationCommand, { type: 'BootNotification' }>): StationDeciderEvent[] {
  const { frame, payload, chargePoints, settings } = command;
  const registrationStatus = chargePoints.get(frame.chargePointId)?.registrationStatus
    ?? policyStatus[settings.unknownStationPolicy];
  const interval = settings.heartbeatIntervalSeconds;
  return [
    {
      type: 'StationBooted', chargePointId: frame.chargePointId, at: frame.at,
      vendor: payload.chargePointVendor, model: payload.chargePointModel,
      serialNumber: payload.chargePointSerialNumber ?? null, chargeBoxSerialNumber: payload.chargeBoxSerialNumber ?? null,
      firmwareVersion: payload.firmwareVersion ?? null, iccid: payload.iccid ?? null, imsi: payload.imsi ?? null,
      meterType: payload.meterType ?? null, meterSerialNumber: payload.meterSerialNumber ?? null,
      registrationStatus, heartbeatInterval: interval, ...ocpp16Detail.StationBooted,
    },
    ...replyWith(frame, { status: registrationStatus, currentTime: new Date(frame.at).toISOString(), interval }),
  ];
}

function statusNotification(frame: FrameMeta, payload: Ocpp16.StatusNotificationRequest): StationDeciderEvent[] {
  return [
    {
      type: 'ConnectorStatusChanged', chargePointId: frame.chargePointId, at: frame.at,
      connectorId: payload.connectorId, status: payload.status, errorCode: payload.errorCode,
      info: payload.info ?? null, vendorId: payload.vendorId ?? null, vendorErrorCode: payload.vendorErrorCode ?? null,
      timestamp: parseTimestamp(payload.timestamp), ...ocpp16Detail.ConnectorStatusChanged,
    },
    ...replyWith(frame, {}),
  ];
}

function dataTransfer(frame: FrameMeta, payload: Ocpp16.DataTransferRequest, settings: ProcessorSettings): StationDeciderEvent[] {
  const status = settings.dataTransferVendorIds.has(payload.vendorId) ? 'Accepted' : 'UnknownVendorId';
  return [
    {
      type: 'DataTransferReceived', chargePointId: frame.chargePointId, at: frame.at, vendorId: payload.vendorId,
      messageId: payload.messageId ?? null, data: payload.data ?? null, status,
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
      return statusNotification(command.frame, command.payload);
    case 'DataTransfer':
      return dataTransfer(command.frame, command.payload, command.settings);
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
        securityProfile: event.securityProfile,
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
