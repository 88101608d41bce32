// Realistic station facts (answers to commands and firmware/diagnostics notifications) shared
// by the unit and integration tests.
import type {
  ChargingProfileSet, ChargingProfilesCleared, CompositeScheduleReported, ConfigurationChanged, ConfigurationKey,
  ConfigurationReported, DiagnosticsStatusReported, FirmwareStatusReported, LocalListEntry, LocalListUpdated,
  LocalListVersionReported, LogStatusReported, ReservationEnded, ReservationEndReason, ReservationMade, StationEvent,
} from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import { T0 } from './test-events.ts';

/** A requestId makes it a SignedFirmwareStatusNotification's. */
export function firmwareStatus(chargePointId: string, status: string, at: number, requestId: number | null = null): FirmwareStatusReported {
  return { type: 'FirmwareStatusReported', chargePointId, at, status, requestId };
}

export function logStatus(chargePointId: string, status: string, at: number, requestId: number | null = null): LogStatusReported {
  return { type: 'LogStatusReported', chargePointId, at, status, requestId };
}

export function diagnosticsStatus(chargePointId: string, status: string, at: number, fileName: string | null = null): DiagnosticsStatusReported {
  return { type: 'DiagnosticsStatusReported', chargePointId, at, status, fileName };
}

export function configurationReported(
  chargePointId: string, keys: ConfigurationKey[], complete: boolean, at: number, unknownKeys: string[] = [],
): ConfigurationReported {
  return { type: 'ConfigurationReported', chargePointId, at, keys, unknownKeys, complete };
}

export function configurationChanged(chargePointId: string, key: string, value: string, status: string, at: number): ConfigurationChanged {
  return { type: 'ConfigurationChanged', chargePointId, at, key, value, status };
}

export function entry(idTag: string, status: string | null, expiryDate: number | null = null): LocalListEntry {
  return { idTag, status, expiryDate, parentIdTag: null };
}

export function localListUpdated(
  chargePointId: string, listVersion: number, updateType: 'Full' | 'Differential', entries: LocalListEntry[], at: number,
): LocalListUpdated {
  return { type: 'LocalListUpdated', chargePointId, at, listVersion, updateType, entries };
}

export function localListVersion(chargePointId: string, listVersion: number, at: number): LocalListVersionReported {
  return { type: 'LocalListVersionReported', chargePointId, at, listVersion };
}

export function reservationMade(chargePointId: string, reservationId: number, at: number, connectorId = 1): ReservationMade {
  return {
    type: 'ReservationMade', chargePointId, at, reservationId, connectorId, idTag: 'RFID-12345', parentIdTag: null,
    expiryDate: at + 3_600_000, ...ocpp16Detail.ReservationMade,
  };
}

export function reservationEnded(
  chargePointId: string, reservationId: number, reason: ReservationEndReason, at: number, transactionId: number | null = null,
): ReservationEnded {
  return { type: 'ReservationEnded', chargePointId, at, reservationId, reason, transactionId };
}

export interface ProfileSpec {
  readonly connectorId: number;
  readonly chargingProfileId: number;
  readonly stackLevel: number;
  readonly purpose: 'ChargePointMaxProfile' | 'TxDefaultProfile' | 'TxProfile';
  /** Only for a TxProfile; none means the transaction running on the connector. */
  readonly transactionId?: number;
}

export function profileSet(chargePointId: string, spec: ProfileSpec, at: number): ChargingProfileSet {
  const { connectorId, chargingProfileId, stackLevel, purpose } = spec;
  const transactionId = spec.transactionId ?? null;
  const profile = {
    chargingProfileId, ...(transactionId === null ? {} : { transactionId }), stackLevel, chargingProfilePurpose: purpose,
    chargingProfileKind: 'Absolute', validFrom: new Date(T0).toISOString(), validTo: new Date(T0 + 86_400_000).toISOString(),
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
  };
  return {
    type: 'ChargingProfileSet', chargePointId, at, connectorId, chargingProfileId, stackLevel, purpose, transactionId,
    validFrom: T0, validTo: T0 + 86_400_000, profile: JSON.stringify(profile),
  };
}

export function profilesCleared(
  chargePointId: string, criteria: Partial<Pick<ChargingProfilesCleared, 'chargingProfileId' | 'connectorId' | 'purpose' | 'stackLevel'>>, at: number,
): ChargingProfilesCleared {
  return { type: 'ChargingProfilesCleared', chargePointId, at, chargingProfileId: null, connectorId: null, purpose: null, stackLevel: null, ...criteria };
}

export function compositeSchedule(chargePointId: string, connectorId: number, at: number): CompositeScheduleReported {
  const schedule = { duration: 3600, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] };
  return { type: 'CompositeScheduleReported', chargePointId, at, connectorId, scheduleStart: at, schedule: JSON.stringify(schedule) };
}

const tdp = (connectorId: number, chargingProfileId: number, stackLevel: number, purpose: ProfileSpec['purpose'] = 'TxDefaultProfile'): ProfileSpec =>
  ({ connectorId, chargingProfileId, stackLevel, purpose });

/**
 * A realistic sequence of facts for CP-A and CP-B (in 'stations' order) whose folded result the
 * integration tests assert: firmware/diagnostics/log uploads at T0+3..8 s (before the stations'
 * last activity at T0+21 s), then configuration, local lists, reservations and charging profiles.
 */
export function stationFactSequence(): { chargePointId: string; event: StationEvent }[] {
  const a = (event: StationEvent) => ({ chargePointId: 'CP-A', event });
  const b = (event: StationEvent) => ({ chargePointId: 'CP-B', event });
  const hb = { key: 'HeartbeatInterval', value: '60', readonly: false };
  const connectors = { key: 'NumberOfConnectors', value: '2', readonly: true };
  return [
    a(firmwareStatus('CP-A', 'Downloading', T0 + 3_000)), a(firmwareStatus('CP-A', 'Installed', T0 + 4_000)),
    a(diagnosticsStatus('CP-A', 'Uploading', T0 + 5_000, 'diag-A.zip')), a(diagnosticsStatus('CP-A', 'Uploaded', T0 + 6_000)),
    a(logStatus('CP-A', 'Uploading', T0 + 7_000, 3)), a(logStatus('CP-A', 'Uploaded', T0 + 8_000, 3)),
    b(firmwareStatus('CP-B', 'SignatureVerified', T0 + 7_500, 12)),
    a(configurationReported('CP-A', [hb, connectors, { key: 'Obsolete', value: 'x', readonly: false }], true, T0 + 40_000)),
    a(configurationReported('CP-A', [hb, connectors], true, T0 + 41_000)),
    a(configurationReported('CP-A', [{ key: 'MeterValueSampleInterval', value: '10', readonly: false }], false, T0 + 42_000, ['Foo'])),
    a(configurationChanged('CP-A', 'HeartbeatInterval', '30', 'Accepted', T0 + 43_000)),
    a(configurationChanged('CP-A', 'HeartbeatInterval', '15', 'Rejected', T0 + 44_000)),
    a(configurationChanged('CP-A', 'Foo', '1', 'NotSupported', T0 + 45_000)),
    a(localListUpdated('CP-A', 1, 'Full', [entry('TAG-A', 'Accepted'), entry('TAG-B', 'Accepted'), entry('TAG-C', 'Blocked')], T0 + 50_000)),
    a(localListUpdated('CP-A', 2, 'Differential', [entry('TAG-B', null), entry('TAG-D', 'Accepted', T0 + 86_400_000)], T0 + 51_000)),
    a(localListVersion('CP-A', 1, T0 + 52_000)),
    b(localListUpdated('CP-B', 5, 'Full', [entry('TAG-X', 'Accepted')], T0 + 53_000)),
    b(localListUpdated('CP-B', 6, 'Full', [], T0 + 54_000)),
    a(reservationMade('CP-A', 1, T0 + 60_000)), a(reservationEnded('CP-A', 1, 'Used', T0 + 61_000, 101)),
    a(reservationEnded('CP-A', 1, 'Expired', T0 + 62_000)), a(reservationMade('CP-A', 2, T0 + 63_000, 2)),
    b(reservationMade('CP-B', 3, T0 + 64_000)), b(reservationEnded('CP-B', 3, 'Cancelled', T0 + 65_000)),
    a(profileSet('CP-A', tdp(0, 1, 0, 'ChargePointMaxProfile'), T0 + 66_000)),
    a(profileSet('CP-A', tdp(1, 2, 1), T0 + 66_100)),
    a(profileSet('CP-A', tdp(1, 3, 1), T0 + 66_200)), // same stack level and purpose on connector 1: replaces 2
    a(profileSet('CP-A', tdp(2, 4, 1), T0 + 66_300)), // same on connector 2: kept
    a(profileSet('CP-A', tdp(2, 1, 5, 'TxProfile'), T0 + 66_400)), // same id as the max profile: replaces it
    a(profileSet('CP-A', tdp(1, 6, 2, 'TxProfile'), T0 + 66_500)),
    a(profilesCleared('CP-A', { connectorId: 1, purpose: 'TxProfile' }, T0 + 67_000)), // clears 6, not 1 on connector 2
    b(profileSet('CP-B', tdp(1, 7, 0), T0 + 68_000)), b(profilesCleared('CP-B', {}, T0 + 69_000)),
    a(compositeSchedule('CP-A', 1, T0 + 70_000)), a(compositeSchedule('CP-A', 1, T0 + 71_000)), a(compositeSchedule('CP-A', 0, T0 + 72_000)),
  ];
}
