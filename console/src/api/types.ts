// The JSON shapes the console reads, as the api answers them (api/src/schemas.ts and friends).
// Only the fields the console shows are listed.

export type Role = 'viewer' | 'operator' | 'admin';
export interface Me { id: string; role: Role }

export interface Page<T> { items: T[]; total: number; limit: number; offset: number }

export interface FleetStation {
  id: string; name: string | null; connected: boolean; node: number | null; protocol: string | null;
  /** Proven by its latest connection; the least it must connect with. */
  securityProfile: number | null; requiredSecurityProfile: number | null; vendor: string | null; model: string | null; firmwareVersion: string | null;
  lastBootAt: string | null; lastSeenAt: string | null; connectedAt: string | null; disconnectedAt: string | null;
}
export interface FleetSummary { stations: number; connected: number; protocols: Record<string, number> }
export interface FleetPage extends Page<FleetStation> { summary: FleetSummary }

export interface Connector {
  connectorId: number; evseConnectorId: number | null; status: string; errorCode?: string;
  info?: string | null; statusAt?: string;
}
export interface Connection {
  connected: boolean; node?: number; protocol?: string | null; remoteAddress?: string | null; securityProfile?: number | null;
  connectedAt?: string | null; disconnectedAt?: string | null;
}
export interface ChargePointDetail {
  id: string; name: string | null; registered?: boolean; protocol: string | null; securityProfile: number | null;
  vendor: string | null; model: string | null; firmwareVersion: string | null; lastBootAt: string | null;
  lastSeenAt?: string | null; registrationStatus?: string | null;
  connectors: Connector[]; connection: Connection | null;
}

export type CommandStatus = 'Requested' | 'Sent' | 'Accepted' | 'Rejected' | 'Failed' | 'TimedOut' | 'NotConnected';
export interface Command {
  id: string; action?: string; status: CommandStatus; payload?: unknown; response?: unknown;
  errorCode?: string | null; errorDescription?: string | null; requestedAt?: string | null; requestedBy?: string | null;
  sentAt?: string | null; completedAt?: string | null;
}

export interface Transaction {
  transactionId: number; chargePointId: string; connectorId: number | null; idTag: string | null;
  meterStartWh: number | null; meterStopWh: number | null; energyWh: number | null;
  startedAt: string | null; stoppedAt: string | null; durationSeconds: number | null; stopReason: string | null;
  status: 'Active' | 'Completed'; stationTransactionId?: string | null; chargingState?: string | null;
}
export interface MeterValue {
  sampledAt: string; connectorId: number | null; measurand: string; value: string; unit: string | null;
  context: string | null; phase: string | null;
}
export interface TransactionDetail extends Transaction { meterValues: MeterValue[] }

export interface SessionCost {
  currency: string; asOf: string; energyWh: number; totalExclVatMinor: number; vatMinor: number;
  totalInclVatMinor: number; cdrId: string | null; final: boolean; tariffId: string;
}
export interface Cdr {
  cdrId: string; kind: string; chargePointId: string; transactionId: number; idTag: string | null; tariffId: string;
  currency: string; startedAt: string; stoppedAt: string; energyWh: number; totalExclVatMinor: number;
  vatMinor: number; totalInclVatMinor: number; creditedBy: string | null; issuedAt: string;
}

export type IdTagStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid';
export interface IdTag {
  idTag: string; status: IdTagStatus; expiryDate: string | null; parentIdTag: string | null;
  updatedAt: string; idTokenType: string | null;
}

export interface DeadLetter {
  id: string; consumer: string; sourceTopic: string; partition: number; offset: string; key: string | null;
  reason: string; error: string; recordedAt: string; valueBytes: number; status: 'open' | 'redriven';
  redrivenAt: string | null; redrivenBy: string | null; redriveOutcome: string | null;
  /** Why the latest re-drive failed, while the letter is still open. */
  lastRedriveError: string | null; lastRedriveAttemptAt: string | null;
}

export interface TariffVersion { version: number; validFrom: string; currency: string; vatRate: string; elements: unknown[] }
export interface Tariff {
  id: string; name: string | null; currency: string; currentVersion: number; versions: TariffVersion[];
  updatedAt: string; updatedBy: string | null;
}

export interface ConfigurationKey { key: string; value: string | null; readonly: boolean; reportedAt: string }
export interface Configuration { keys: ConfigurationKey[]; changes: { key: string; value: string; status: string; requestedAt: string }[] }
export interface DeviceVariable {
  component: string; componentInstance: string | null; evseId: number | null; connectorId: number | null;
  variable: string; variableInstance: string | null; attributeType: string; value: string | null; mutability: string | null;
}
export interface DeviceModel { complete: boolean; variables: DeviceVariable[]; total: number }
export interface LocalList {
  versionSent: number | null; versionReported: number | null;
  entries: { idTag: string; status: string; expiryDate: string | null; parentIdTag: string | null }[];
}
export interface Reservation {
  reservationId: number; connectorId: number | null; idTag: string | null; expiryDate: string | null;
  status: string; madeAt: string | null; endedAt: string | null;
}
export interface ChargingProfile {
  chargingProfileId: number; connectorId: number; stackLevel: number; purpose: string;
  validFrom: string | null; validTo: string | null; setAt: string;
}
export interface SecurityEvent { id: string; type: string; at: string; eventType: string | null; reason: string | null; techInfo: string | null; detail: string | null }

export interface OcppCommandSchema { action: string; schema: unknown }
export interface OcppSchemas { version: string; commands: OcppCommandSchema[] }
