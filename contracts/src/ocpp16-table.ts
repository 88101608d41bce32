// OCPP 1.6 (all six feature profiles) and the OCPP 1.6 Security Whitepaper, edition 3.
import { csmsCall, currentTimeAnswer, emptyAnswer, stationCall, type ProtocolTable } from './ocpp-table.ts';

export const ocpp16Table = {
  version: 'ocpp1.6',
  stationCalls: {
    Authorize: stationCall('Authorize', 'authorization', ['AuthorizationDecided']),
    BootNotification: stationCall('BootNotification', 'station', ['StationBooted']),
    DataTransfer: stationCall('DataTransfer', 'station', ['DataTransferReceived']),
    DiagnosticsStatusNotification: stationCall('DiagnosticsStatusNotification', 'firmwareDiagnostics', ['DiagnosticsStatusReported']),
    FirmwareStatusNotification: stationCall('FirmwareStatusNotification', 'firmwareDiagnostics', ['FirmwareStatusReported']),
    Heartbeat: stationCall('Heartbeat', 'station', ['HeartbeatReceived'], currentTimeAnswer),
    MeterValues: stationCall('MeterValues', 'sessions', ['MeterValuesSampled'], emptyAnswer),
    StartTransaction: stationCall('StartTransaction', 'sessions', ['TransactionStarted']),
    StatusNotification: stationCall('StatusNotification', 'station', ['ConnectorStatusChanged'], emptyAnswer),
    StopTransaction: stationCall('StopTransaction', 'sessions', ['TransactionStopped']),
    // Security extension
    LogStatusNotification: stationCall('LogStatusNotification', 'firmwareDiagnostics', ['LogStatusReported']),
    SecurityEventNotification: stationCall('SecurityEventNotification', 'security', ['SecurityEventReported']),
    SignCertificate: stationCall('SignCertificate', 'security', ['CertificateSigningRequested', 'CertificateSigningRefused']),
    SignedFirmwareStatusNotification: stationCall('SignedFirmwareStatusNotification', 'firmwareDiagnostics', ['FirmwareStatusReported']),
  },
  csmsCalls: {
    // Core
    ChangeAvailability: csmsCall('ChangeAvailability'),
    ChangeConfiguration: csmsCall('ChangeConfiguration', 'deviceModel', ['ConfigurationChanged']),
    ClearCache: csmsCall('ClearCache'),
    DataTransfer: csmsCall('DataTransfer'),
    GetConfiguration: csmsCall('GetConfiguration', 'deviceModel', ['ConfigurationReported']),
    RemoteStartTransaction: csmsCall('RemoteStartTransaction'),
    RemoteStopTransaction: csmsCall('RemoteStopTransaction'),
    Reset: csmsCall('Reset'),
    UnlockConnector: csmsCall('UnlockConnector'),
    // Firmware Management
    GetDiagnostics: csmsCall('GetDiagnostics'),
    UpdateFirmware: csmsCall('UpdateFirmware'),
    // Local Auth List Management
    GetLocalListVersion: csmsCall('GetLocalListVersion', 'localLists', ['LocalListVersionReported']),
    SendLocalList: csmsCall('SendLocalList', 'localLists', ['LocalListUpdated']),
    // Reservation
    CancelReservation: csmsCall('CancelReservation', 'reservations', ['ReservationEnded']),
    ReserveNow: csmsCall('ReserveNow', 'reservations', ['ReservationMade']),
    // Smart Charging
    ClearChargingProfile: csmsCall('ClearChargingProfile', 'chargingProfiles', ['ChargingProfilesCleared']),
    GetCompositeSchedule: csmsCall('GetCompositeSchedule', 'chargingProfiles', ['CompositeScheduleReported']),
    SetChargingProfile: csmsCall('SetChargingProfile', 'chargingProfiles', ['ChargingProfileSet']),
    // Remote Trigger
    TriggerMessage: csmsCall('TriggerMessage'),
    // Security extension
    CertificateSigned: csmsCall('CertificateSigned'),
    DeleteCertificate: csmsCall('DeleteCertificate'),
    ExtendedTriggerMessage: csmsCall('ExtendedTriggerMessage'),
    GetInstalledCertificateIds: csmsCall('GetInstalledCertificateIds'),
    GetLog: csmsCall('GetLog'),
    InstallCertificate: csmsCall('InstallCertificate'),
    SignedUpdateFirmware: csmsCall('SignedUpdateFirmware'),
  },
  // AcceptedCanceled (GetLog, SignedUpdateFirmware): accepted, and an earlier upload or update was cancelled.
  successStatuses: new Set(['Accepted', 'Unlocked', 'RebootRequired', 'AcceptedCanceled']),
} as const satisfies ProtocolTable;
