// What a command carries from outside the decider: the frame it answers, the read-only
// configuration tables, and the operator's settings.
import { parseStationTime, type ChargePoint, type IdTag, type Tariff, type TariffAssignment } from '@csms/contracts';

/** Read-only view of a compacted configuration topic. */
export interface Lookup<Value> {
  get(key: string): Value | undefined;
}

export type UnknownStationPolicy = 'accept' | 'pending' | 'reject';

export interface ProcessorSettings {
  readonly unknownStationPolicy: UnknownStationPolicy;
  readonly heartbeatIntervalSeconds: number;
  /** DataTransfer vendorIds this CSMS understands; every other one is UnknownVendorId. */
  readonly dataTransferVendorIds: ReadonlySet<string>;
  /**
   * A certificate authority for station certificates is configured, so a SignCertificate is
   * Accepted and its CSR handed to the signer (1.6 Security Whitepaper, use case A02/A03);
   * otherwise it is Rejected.
   */
  readonly certificateSigning: boolean;
  /** A running session's cost is published at most once per this much station time (SessionCostUpdated). */
  readonly billingCostIntervalSeconds: number;
  /** A session with no fact for this long (record time) gets one Provisional CDR flagged NO_STOP and stays open. */
  readonly billingStaleSessionHours: number;
  /** Beyond this gap between a station's clock and the receive time, a priced session is flagged CLOCK_SKEW. */
  readonly billingMaxClockSkewMs: number;
}

export const defaultSettings: ProcessorSettings = {
  unknownStationPolicy: 'accept', heartbeatIntervalSeconds: 60, dataTransferVendorIds: new Set(), certificateSigning: false,
  billingCostIntervalSeconds: 60, billingStaleSessionHours: 48, billingMaxClockSkewMs: 300_000,
};

export interface Tables {
  readonly idTags: Lookup<IdTag>;
  readonly chargePoints: Lookup<ChargePoint>;
  /** Every tariff with all its versions, by tariff id. */
  readonly tariffs: Lookup<Tariff>;
  /** Which tariff prices which sessions, by scope key: default, station:<cp>, evse:<cp>:<evseId>, group:<groupIdToken>. */
  readonly tariffAssignments: Lookup<TariffAssignment>;
}

/** Where a connected station's socket is: the gateway node (= ocpp.outbound partition) and the connection on it. */
export interface Connection {
  readonly node: number;
  readonly connectionId: string;
  /** The OCPP version the connection speaks, whose action table says what the CSMS may send on it. */
  readonly protocol: string;
}

/** The CALL a command comes from, and where its reply must go. */
export interface FrameMeta {
  readonly chargePointId: string;
  /** When the gateway received the frame (epoch ms). */
  readonly at: number;
  readonly messageId: string;
  /** Gateway node ordinal holding the socket = ocpp.outbound partition. */
  readonly node: number;
  readonly connectionId: string;
  /** False when the gateway already sent the CALLRESULT (Heartbeat, StatusNotification, MeterValues). */
  readonly replyExpected: boolean;
}

/** Station clock text to epoch ms (the shared station-time rule); null when absent or unreadable. */
export function parseTimestamp(text: string | undefined): number | null {
  return text === undefined ? null : parseStationTime(text);
}
