// What a command carries from outside the decider: the frame it answers, the read-only
// configuration tables, and the operator's settings.
import { parseStationTime, type ChargePoint, type IdTag } from '@csms/contracts';

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
}

export const defaultSettings: ProcessorSettings = {
  unknownStationPolicy: 'accept', heartbeatIntervalSeconds: 60, dataTransferVendorIds: new Set(), certificateSigning: false,
};

export interface Tables {
  readonly idTags: Lookup<IdTag>;
  readonly chargePoints: Lookup<ChargePoint>;
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
