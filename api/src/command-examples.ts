// One valid request per CSMS-initiated action of each OCPP version (the 1.6 security extension
// included): the OpenAPI description shows them and a unit test proves each passes the official
// schema of its version.
import { ocppTables, TABLE_VERSIONS, type TableVersion } from '@csms/contracts';
import { versionName } from './command-actions.ts';

type CommandOf<V extends TableVersion> = keyof (typeof ocppTables)[V]['csmsCalls'];

const certificate = '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n';
const hashData = { hashAlgorithm: 'SHA256', issuerNameHash: 'a1b2c3d4e5f6', issuerKeyHash: 'f6e5d4c3b2a1', serialNumber: '1a2b3c' } as const;

export const commandExamples: Readonly<Record<CommandOf<'ocpp1.6'>, object>> = {
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
  CertificateSigned: { certificateChain: certificate },
  DeleteCertificate: { certificateHashData: hashData },
  ExtendedTriggerMessage: { requestedMessage: 'SignChargePointCertificate' },
  GetInstalledCertificateIds: { certificateType: 'CentralSystemRootCertificate' },
  GetLog: { logType: 'SecurityLog', requestId: 1, log: { remoteLocation: 'https://logs.example.com/upload' } },
  InstallCertificate: { certificateType: 'ManufacturerRootCertificate', certificate },
  SignedUpdateFirmware: {
    requestId: 2,
    firmware: {
      location: 'https://fw.example.com/fw-1.3.0.bin', retrieveDateTime: '2025-01-16T02:00:00Z',
      signingCertificate: certificate, signature: 'MEUCIQD…',
    },
  },
};

export const ocpp201CommandExamples: Readonly<Record<CommandOf<'ocpp2.0.1'>, object>> = {
  CertificateSigned: { certificateChain: certificate, certificateType: 'ChargingStationCertificate' },
  DeleteCertificate: { certificateHashData: hashData },
  GetInstalledCertificateIds: { certificateType: ['CSMSRootCertificate', 'ManufacturerRootCertificate'] },
  InstallCertificate: { certificateType: 'CSMSRootCertificate', certificate },
  GetBaseReport: { requestId: 1, reportBase: 'FullInventory' },
  GetReport: { requestId: 2, componentCriteria: ['Problem'], componentVariable: [{ component: { name: 'EVSE', evse: { id: 1 } } }] },
  GetVariables: {
    getVariableData: [
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
      { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'AvailabilityState' } },
    ],
  },
  Reset: { type: 'OnIdle' },
  SetNetworkProfile: {
    configurationSlot: 2,
    connectionData: {
      ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: 'wss://csms.example.com/ocpp', messageTimeout: 30,
      securityProfile: 2, ocppInterface: 'Wired0',
    },
  },
  SetVariables: {
    setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '300' }],
  },
  ClearCache: {},
  GetLocalListVersion: {},
  SendLocalList: {
    versionNumber: 2, updateType: 'Differential',
    localAuthorizationList: [
      { idToken: { idToken: 'EMAID-0001', type: 'eMAID' }, idTokenInfo: { status: 'Accepted' } },
      { idToken: { idToken: '04A2B3C4D5', type: 'ISO14443' } },
    ],
  },
  GetTransactionStatus: { transactionId: 'f3b7c1d2-4e5a-4b6c-8d7e-9f0a1b2c3d4e' },
  RequestStartTransaction: { evseId: 1, idToken: { idToken: 'EMAID-0001', type: 'eMAID' } },
  RequestStopTransaction: { transactionId: 'f3b7c1d2-4e5a-4b6c-8d7e-9f0a1b2c3d4e' },
  TriggerMessage: { requestedMessage: 'StatusNotification', evse: { id: 1, connectorId: 1 } },
  UnlockConnector: { evseId: 1, connectorId: 1 },
  ChangeAvailability: { operationalStatus: 'Inoperative', evse: { id: 1 } },
  CancelReservation: { reservationId: 7 },
  ReserveNow: { id: 7, expiryDateTime: '2025-01-15T12:00:00Z', idToken: { idToken: 'EMAID-0001', type: 'eMAID' }, evseId: 1 },
  CostUpdated: { totalCost: 12.3, transactionId: 'f3b7c1d2-4e5a-4b6c-8d7e-9f0a1b2c3d4e' },
  DataTransfer: { vendorId: 'com.example', messageId: 'SetPrice', data: { price: 0.25 } },
};

/** One valid request per command, by the version whose schema it passes. */
const commandExamplesByVersion: { readonly [V in TableVersion]: Readonly<Record<CommandOf<V>, object>> } = {
  'ocpp1.6': commandExamples, 'ocpp2.0.1': ocpp201CommandExamples,
};

/** Markdown for the OpenAPI description of the command route: the examples of each version. */
export function commandExamplesMarkdown(): string {
  return TABLE_VERSIONS.map((version) => {
    const examples: Readonly<Record<string, object>> = commandExamplesByVersion[version];
    const lines = Object.keys(ocppTables[version].csmsCalls).map((action) => `- \`${action}\`: \`${JSON.stringify(examples[action])}\``);
    return [`OCPP ${versionName(version)}:`, '', ...lines].join('\n');
  }).join('\n\n');
}
