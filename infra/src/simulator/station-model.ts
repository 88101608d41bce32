// What a simulated charge point remembers between commands: configuration, local list,
// reservations, charging profiles and its running transactions. Plain data, no I/O.
export interface ConfigurationEntry {
  value: string;
  readonly readonly: boolean;
}

export interface StoredProfile {
  readonly connectorId: number;
  readonly chargingProfileId: number;
  readonly stackLevel: number;
  readonly purpose: string;
  readonly profile: Record<string, unknown>;
}

export interface StationModel {
  readonly configuration: Map<string, ConfigurationEntry>;
  localListVersion: number;
  readonly reservations: Map<number, { connectorId: number; idTag: string; expiryDate: string }>;
  profiles: StoredProfile[];
  /** connectorId -> transactionId of the session running on it. */
  readonly transactions: Map<number, number>;
  meterWh: number;
}

export function newStationModel(): StationModel {
  return {
    configuration: new Map<string, ConfigurationEntry>([
      ['HeartbeatInterval', { value: '60', readonly: false }],
      ['MeterValueSampleInterval', { value: '60', readonly: false }],
      ['ConnectionTimeOut', { value: '90', readonly: false }],
      ['LocalAuthListEnabled', { value: 'true', readonly: false }],
      ['NumberOfConnectors', { value: '2', readonly: true }],
      ['SupportedFeatureProfiles', { value: 'Core,FirmwareManagement,LocalAuthListManagement,Reservation,SmartCharging,RemoteTrigger', readonly: true }],
    ]),
    localListVersion: 0,
    reservations: new Map(),
    profiles: [],
    transactions: new Map(),
    meterWh: 0,
  };
}

/** OCPP 1.6 §3.13.2: a profile replaces one with the same id, or the same stack level and purpose on its connector. */
export function storeProfile(model: StationModel, incoming: StoredProfile): void {
  model.profiles = model.profiles.filter((p) => p.chargingProfileId !== incoming.chargingProfileId
    && !(p.connectorId === incoming.connectorId && p.stackLevel === incoming.stackLevel && p.purpose === incoming.purpose));
  model.profiles.push(incoming);
}

export interface ClearCriteria {
  readonly id?: number;
  readonly connectorId?: number;
  readonly chargingProfilePurpose?: string;
  readonly stackLevel?: number;
}

/** Removes the profiles matching every given criterion; tells whether any matched. */
export function clearProfiles(model: StationModel, criteria: ClearCriteria): boolean {
  const matches = (p: StoredProfile) => (criteria.id === undefined || p.chargingProfileId === criteria.id)
    && (criteria.connectorId === undefined || p.connectorId === criteria.connectorId)
    && (criteria.chargingProfilePurpose === undefined || p.purpose === criteria.chargingProfilePurpose)
    && (criteria.stackLevel === undefined || p.stackLevel === criteria.stackLevel);
  const before = model.profiles.length;
  model.profiles = model.profiles.filter((p) => !matches(p));
  return model.profiles.length !== before;
}
