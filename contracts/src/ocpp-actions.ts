/** Every OCPP 1.6 message the CSMS sends, across all six feature profiles and the security extension; each is a REST command. */
export const CSMS_COMMAND_ACTIONS = [
  // Core
  'ChangeAvailability', 'ChangeConfiguration', 'ClearCache', 'DataTransfer', 'GetConfiguration',
  'RemoteStartTransaction', 'RemoteStopTransaction', 'Reset', 'UnlockConnector',
  // Firmware Management
  'GetDiagnostics', 'UpdateFirmware',
  // Local Auth List Management
  'GetLocalListVersion', 'SendLocalList',
  // Reservation
  'CancelReservation', 'ReserveNow',
  // Smart Charging
  'ClearChargingProfile', 'GetCompositeSchedule', 'SetChargingProfile',
  // Remote Trigger
  'TriggerMessage',
  // Security extension (OCPP 1.6 Security Whitepaper, edition 3)
  'CertificateSigned', 'DeleteCertificate', 'ExtendedTriggerMessage', 'GetInstalledCertificateIds', 'GetLog',
  'InstallCertificate', 'SignedUpdateFirmware',
] as const;

export type CommandAction = (typeof CSMS_COMMAND_ACTIONS)[number];

/**
 * Response statuses that mean the station did what was asked (OCPP 1.6 §6); no status at all also does.
 * AcceptedCanceled (GetLog, SignedUpdateFirmware): accepted, and an earlier upload or update was cancelled.
 */
export const COMMAND_SUCCESS_STATUSES: ReadonlySet<string> = new Set(['Accepted', 'Unlocked', 'RebootRequired', 'AcceptedCanceled']);
