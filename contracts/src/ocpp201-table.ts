// OCPP 2.0.1 (Part 2, edition 3), functional blocks A (security, without the ISO 15118
// certificates of M), B provisioning, C authorization, D local list, E transactions, F remote
// control, G availability, H reservation, J meter values and P data transfer. Rows name the same
// deciders and the same version-neutral domain events as the 1.6 table, so projections, the API
// and billing never ask which version a station speaks.
import type { SetVariablesResponse } from './generated/ocpp201-types.ts';
import { csmsCall, currentTimeAnswer, emptyAnswer, stationCall, type ProtocolTable } from './ocpp-table.ts';

/** B05: the attributeStatus of a variable whose value is in force (RebootRequired: once the station rebooted). */
export const VARIABLE_SET_STATUSES: ReadonlySet<string> = new Set(['Accepted', 'RebootRequired']);

/**
 * A SetVariables answer has no status but one per variable: done only when every variable was set.
 * A password rotation (SecurityCtrlr.BasicAuthPassword, A01) the station refused must not count as done.
 */
function everyVariableSet(response: object): boolean {
  const { setVariableResult } = response as Partial<SetVariablesResponse>;
  return Array.isArray(setVariableResult) && setVariableResult.every((result) => VARIABLE_SET_STATUSES.has(result.attributeStatus));
}

export const ocpp201Table = {
  version: 'ocpp2.0.1',
  stationCalls: {
    // A Security
    SecurityEventNotification: stationCall('SecurityEventNotification', 'security', ['SecurityEventReported']),
    SignCertificate: stationCall('SignCertificate', 'security', ['CertificateSigningRequested', 'CertificateSigningRefused']),
    // B Provisioning
    BootNotification: stationCall('BootNotification', 'station', ['StationBooted']),
    NotifyReport: stationCall('NotifyReport', 'deviceModel', ['VariablesReported'], emptyAnswer),
    // C Authorization
    Authorize: stationCall('Authorize', 'authorization', ['AuthorizationDecided']),
    // E Transactions
    TransactionEvent: stationCall('TransactionEvent', 'sessions', [
      'TransactionStarted', 'TransactionUpdated', 'TransactionStopped', 'MeterValuesSampled',
    ]),
    // G Availability
    Heartbeat: stationCall('Heartbeat', 'station', ['HeartbeatReceived'], currentTimeAnswer),
    StatusNotification: stationCall('StatusNotification', 'station', ['ConnectorStatusChanged'], emptyAnswer),
    // H Reservation
    ReservationStatusUpdate: stationCall('ReservationStatusUpdate', 'reservations', ['ReservationEnded'], emptyAnswer),
    // J Meter values
    MeterValues: stationCall('MeterValues', 'sessions', ['MeterValuesSampled'], emptyAnswer),
    // P Data transfer
    DataTransfer: stationCall('DataTransfer', 'station', ['DataTransferReceived']),
  },
  csmsCalls: {
    // A Security
    CertificateSigned: csmsCall('CertificateSigned'),
    DeleteCertificate: csmsCall('DeleteCertificate'),
    GetInstalledCertificateIds: csmsCall('GetInstalledCertificateIds'),
    InstallCertificate: csmsCall('InstallCertificate'),
    // B Provisioning
    GetBaseReport: csmsCall('GetBaseReport'),
    GetReport: csmsCall('GetReport'),
    GetVariables: csmsCall('GetVariables', 'deviceModel', ['VariablesReported']),
    Reset: csmsCall('Reset'),
    SetNetworkProfile: csmsCall('SetNetworkProfile'),
    SetVariables: { ...csmsCall('SetVariables', 'deviceModel', ['VariablesReported']), doneWhen: everyVariableSet },
    // C Authorization
    ClearCache: csmsCall('ClearCache'),
    // D Local authorization list
    GetLocalListVersion: csmsCall('GetLocalListVersion', 'localLists', ['LocalListVersionReported']),
    SendLocalList: csmsCall('SendLocalList', 'localLists', ['LocalListUpdated']),
    // E Transactions
    GetTransactionStatus: csmsCall('GetTransactionStatus'),
    // F Remote control
    RequestStartTransaction: csmsCall('RequestStartTransaction'),
    RequestStopTransaction: csmsCall('RequestStopTransaction'),
    TriggerMessage: csmsCall('TriggerMessage'),
    UnlockConnector: csmsCall('UnlockConnector'),
    // G Availability
    ChangeAvailability: csmsCall('ChangeAvailability'),
    // H Reservation
    CancelReservation: csmsCall('CancelReservation', 'reservations', ['ReservationEnded']),
    ReserveNow: csmsCall('ReserveNow', 'reservations', ['ReservationMade']),
    // I Tariff and cost: the running cost billing computed (I02), sent by the processors themselves
    // to stations whose TariffCostCtrlr.Enabled[Cost] is true; an operator may send one too.
    CostUpdated: csmsCall('CostUpdated'),
    // P Data transfer
    DataTransfer: csmsCall('DataTransfer'),
  },
  // Scheduled (ChangeAvailability, Reset): accepted, to be done when the EVSE is idle.
  successStatuses: new Set(['Accepted', 'Unlocked', 'Scheduled']),
} as const satisfies ProtocolTable;
