// One valid request per CSMS-initiated OCPP 1.6 action (security extension included): the OpenAPI description shows them
// and a unit test proves each passes the official schema.
import { CSMS_COMMAND_ACTIONS, type CommandAction } from '@csms/contracts';

export const commandExamples: Readonly<Record<CommandAction, object>> = {
  ChangeAvailability: { connectorId: 0, type: 'Inoperative' },
  ChangeConfiguration: { key: 'HeartbeatInterval', value: '300' },
  ClearCache: {},
  DataTransfer: { vendorId: 'com.example', messageId: 'SetPrice', data: '{"price":0.25}' },
  GetConfiguration: { key: ['HeartbeatInterval', 'MeterValueSampleInterval'] },
  RemoteStartTransaction: { connectorId: 1, idTag: 'RFID-12345' },
  RemoteStopTransaction: { transactionId: 42 },
  Reset: { type: 'Soft' },
  UnlockConnector: { connectorId: 1 },
  GetDiagnostics: { location: 'ftp://diag.example.com/uploads/', retries: 3, retryInterval: 60 },
  UpdateFirmware: { location: 'https://fw.example.com/fw-1.2.4.bin', retrieveDate: '2025-01-16T02:00:00Z' },
  GetLocalListVersion: {},
  SendLocalList: {
    listVersion: 2, updateType: 'Differential',
    localAuthorizationList: [{ idTag: 'RFID-12345', idTagInfo: { status: 'Accepted' } }, { idTag: 'RFID-LOST' }],
  },
  CancelReservation: { reservationId: 7 },
  ReserveNow: { connectorId: 1, expiryDate: '2025-01-15T12:00:00Z', idTag: 'RFID-12345', reservationId: 7 },
  ClearChargingProfile: { connectorId: 1, chargingProfilePurpose: 'TxDefaultProfile' },
  GetCompositeSchedule: { connectorId: 1, duration: 3600, chargingRateUnit: 'A' },
  SetChargingProfile: {
    connectorId: 1,
    csChargingProfiles: {
      chargingProfileId: 10, stackLevel: 1, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute',
      validFrom: '2025-01-15T00:00:00Z', validTo: '2025-02-15T00:00:00Z',
      chargingSchedule: {
        startSchedule: '2025-01-15T00:00:00Z', chargingRateUnit: 'A',
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 32 }, { startPeriod: 28_800, limit: 16 }],
      },
    },
  },
  TriggerMessage: { requestedMessage: 'StatusNotification', connectorId: 1 },
  CertificateSigned: { certificateChain: '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n' },
  DeleteCertificate: {
    certificateHashData: {
      hashAlgorithm: 'SHA256', issuerNameHash: 'a1b2c3d4e5f6', issuerKeyHash: 'f6e5d4c3b2a1', serialNumber: '1a2b3c',
    },
  },
  ExtendedTriggerMessage: { requestedMessage: 'SignChargePointCertificate' },
  GetInstalledCertificateIds: { certificateType: 'CentralSystemRootCertificate' },
  GetLog: { logType: 'SecurityLog', requestId: 1, log: { remoteLocation: 'https://logs.example.com/upload' } },
  InstallCertificate: { certificateType: 'ManufacturerRootCertificate', certificate: '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n' },
  SignedUpdateFirmware: {
    requestId: 2,
    firmware: {
      location: 'https://fw.example.com/fw-1.3.0.bin', retrieveDateTime: '2025-01-16T02:00:00Z',
      signingCertificate: '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n', signature: 'MEUCIQD…',
    },
  },
};

/** Markdown for the OpenAPI description of the command route. */
export function commandExamplesMarkdown(): string {
  return CSMS_COMMAND_ACTIONS.map((action) => `- \`${action}\`: \`${JSON.stringify(commandExamples[action])}\``).join('\n');
}
