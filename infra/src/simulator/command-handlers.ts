// How a simulated charge point answers every OCPP 1.6 call a CSMS can make, with the
// follow-up messages real firmware sends (a remote start starts a transaction, a firmware
// update reports its progress, a trigger sends the requested message).
import type { Ocpp16 } from '@csms/contracts';
import type { CallHandler } from './answer-calls.ts';
import { clearProfiles, storeProfile, type StationModel } from './station-model.ts';

export interface CommandHandlerOptions {
  readonly model: StationModel;
  /** Sends a CALL of the station's own, after the current reply is on its way. */
  readonly later: (action: string, payload: object) => void;
  /** The station's BootNotification, for a triggered one. */
  readonly bootRequest: () => object;
}

export function commandHandlers({ model, later, bootRequest }: CommandHandlerOptions): Record<string, CallHandler> {
  const now = () => new Date().toISOString();
  return {
    RemoteStartTransaction: (p: Ocpp16.RemoteStartTransactionRequest) => {
      const connectorId = p.connectorId ?? 1;
      if (model.transactions.has(connectorId)) return { status: 'Rejected' };
      later('StartTransaction', { connectorId, idTag: p.idTag, meterStart: model.meterWh, timestamp: now() });
      return { status: 'Accepted' };
    },
    RemoteStopTransaction: (p: Ocpp16.RemoteStopTransactionRequest) => {
      const running = [...model.transactions.values()].includes(p.transactionId);
      if (running) later('StopTransaction', { transactionId: p.transactionId, meterStop: model.meterWh + 1000, timestamp: now(), reason: 'Remote' });
      return { status: running ? 'Accepted' : 'Rejected' };
    },
    Reset: () => ({ status: 'Accepted' }),
    UnlockConnector: () => ({ status: 'Unlocked' }),
    ChangeAvailability: () => ({ status: 'Accepted' }),
    ChangeConfiguration: (p: Ocpp16.ChangeConfigurationRequest) => {
      const entry = model.configuration.get(p.key);
      if (!entry) return { status: 'NotSupported' };
      if (entry.readonly) return { status: 'Rejected' };
      entry.value = p.value;
      return { status: 'Accepted' };
    },
    GetConfiguration: (p: Ocpp16.GetConfigurationRequest) => {
      const keys = p.key ?? [...model.configuration.keys()];
      return {
        configurationKey: keys.filter((k) => model.configuration.has(k))
          .map((key) => ({ key, readonly: model.configuration.get(key)!.readonly, value: model.configuration.get(key)!.value })),
        unknownKey: keys.filter((k) => !model.configuration.has(k)),
      };
    },
    ClearCache: () => ({ status: 'Accepted' }),
    DataTransfer: (p: Ocpp16.DataTransferRequest) => ({ status: 'Accepted', data: p.data ?? '' }),
    TriggerMessage: (p: Ocpp16.TriggerMessageRequest) => {
      later(p.requestedMessage, triggeredPayload(p, model, bootRequest));
      return { status: 'Accepted' };
    },
    UpdateFirmware: () => {
      for (const status of ['Downloading', 'Downloaded', 'Installing', 'Installed']) later('FirmwareStatusNotification', { status });
      return {};
    },
    GetDiagnostics: () => {
      for (const status of ['Uploading', 'Uploaded']) later('DiagnosticsStatusNotification', { status });
      return { fileName: 'diagnostics.zip' };
    },
    SendLocalList: (p: Ocpp16.SendLocalListRequest) => {
      model.localListVersion = p.listVersion;
      return { status: 'Accepted' };
    },
    GetLocalListVersion: () => ({ listVersion: model.localListVersion }),
    ReserveNow: (p: Ocpp16.ReserveNowRequest) => {
      if (model.transactions.has(p.connectorId)) return { status: 'Occupied' };
      model.reservations.set(p.reservationId, { connectorId: p.connectorId, idTag: p.idTag, expiryDate: p.expiryDate });
      return { status: 'Accepted' };
    },
    CancelReservation: (p: Ocpp16.CancelReservationRequest) => ({ status: model.reservations.delete(p.reservationId) ? 'Accepted' : 'Rejected' }),
    SetChargingProfile: (p: Ocpp16.SetChargingProfileRequest) => {
      const profile = p.csChargingProfiles;
      storeProfile(model, { connectorId: p.connectorId, chargingProfileId: profile.chargingProfileId, stackLevel: profile.stackLevel,
        purpose: profile.chargingProfilePurpose, profile: profile as unknown as Record<string, unknown> });
      return { status: 'Accepted' };
    },
    ClearChargingProfile: (p: Ocpp16.ClearChargingProfileRequest) => ({ status: clearProfiles(model, p) ? 'Accepted' : 'Unknown' }),
    GetCompositeSchedule: (p: Ocpp16.GetCompositeScheduleRequest) => compositeSchedule(model, p),
  };
}

function triggeredPayload(p: Ocpp16.TriggerMessageRequest, model: StationModel, bootRequest: () => object): object {
  const connectorId = p.connectorId ?? 1;
  switch (p.requestedMessage) {
    case 'BootNotification': return bootRequest();
    case 'Heartbeat': return {};
    case 'StatusNotification': return { connectorId, status: model.transactions.has(connectorId) ? 'Charging' : 'Available', errorCode: 'NoError' };
    case 'MeterValues': return { connectorId, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: String(model.meterWh) }] }] };
    case 'FirmwareStatusNotification': return { status: 'Idle' };
    case 'DiagnosticsStatusNotification': return { status: 'Idle' };
    default: { const unknown: never = p.requestedMessage; return unknown; }
  }
}

/** The highest stack level of the profiles on the connector (or the whole station), as OCPP 1.6 §3.13.3 stacks them. */
function compositeSchedule(model: StationModel, p: Ocpp16.GetCompositeScheduleRequest): object {
  const candidates = model.profiles.filter((profile) => profile.connectorId === p.connectorId || profile.connectorId === 0)
    .sort((a, b) => b.stackLevel - a.stackLevel);
  const top = candidates[0];
  if (!top) return { status: 'Rejected' };
  const schedule = top.profile.chargingSchedule as Ocpp16.SetChargingProfileRequest['csChargingProfiles']['chargingSchedule'];
  return {
    status: 'Accepted', connectorId: p.connectorId, scheduleStart: new Date().toISOString(),
    chargingSchedule: { ...schedule, duration: p.duration, chargingRateUnit: p.chargingRateUnit ?? schedule.chargingRateUnit },
  };
}
