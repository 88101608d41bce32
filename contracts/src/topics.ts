// Every Kafka topic of the system: its name, what its key is, and which Avro records its
// values are. Keys are plain UTF-8 strings; values use the Confluent wire format.
import type {
  ApiKey, BillingEvent, ChargePoint, CommandEvent, CommandRequested, DeadLetterRecord, DeadLetterRedriveRequested, GatewayProbe, IdTag, InboundRecord,
  OutboundFrame, ProcessorSnapshot, RerateRecord, SecurityRecord, SessionEvent, StationCredential, StationEvent, Tariff, TariffAssignment,
} from './generated/avro-types.ts';

export interface TopicSpec<Value> {
  readonly name: string;
  readonly key: string;
  readonly records: readonly string[];
  readonly partitions: number;
  readonly compacted: boolean;
  /**
   * Disk caps of a non-compacted topic, applied when the topic is created: Kafka deletes a
   * partition's oldest segments once they are older than `ms` or the partition is larger than
   * `bytesPerPartition` (-1: no limit). Sizing: README, Operations.
   */
  readonly retention?: { readonly ms: number; readonly bytesPerPartition: number };
  /**
   * Its values are secrets (password hashes, API key hashes): no copy of one may leave the
   * topic, so a dead letter of one of its records keeps only the record's position.
   */
  readonly secret?: boolean;
  /** Phantom field carrying the value type; never set. */
  readonly value?: Value;
}

function topic<Value>(spec: Omit<TopicSpec<Value>, 'value'>): TopicSpec<Value> {
  return spec;
}

/** Partitions of the keyed topics; the snapshot topic must match ocpp.inbound. */
export const KEYED_PARTITIONS = 12;
/** ocpp.outbound partition = gateway node ordinal, so this caps the number of gateway nodes. */
export const MAX_GATEWAY_NODES = 16;
/**
 * The most bytes of one record's value any service writes: the broker refuses a record batch
 * above its message.max.bytes (1 MiB by default), so every producer keeps clear of it.
 */
export const MAX_RECORD_BYTES = 900 * 1024;

const DAY_MS = 24 * 60 * 60 * 1000;
const GIB = 1024 ** 3;
/** What stations sent, for audit: 90 days, at most 4 GiB a partition (48 GiB in all). */
const inboundRetention = { ms: 90 * DAY_MS, bytesPerPartition: 4 * GIB };
/** Transient hand-overs between services. */
const transientRetention = { ms: 7 * DAY_MS, bytesPerPartition: GIB };
/** Domain facts, replayed to rebuild read models: 2 years, at most 8 GiB a partition. */
const domainRetention = { ms: 730 * DAY_MS, bytesPerPartition: 8 * GIB };

export const topics = {
  inbound: topic<InboundRecord>({
    name: 'ocpp.inbound', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false, retention: inboundRetention,
    records: [
      'io.csms.ocpp.InboundConnected', 'io.csms.ocpp.InboundDisconnected', 'io.csms.ocpp.InboundFrame',
      'io.csms.ocpp.InboundCallUndelivered',
    ],
  }),
  /** Operators' requests for OCPP calls; co-partitioned with ocpp.inbound (same key, same partition count). */
  commandRequests: topic<CommandRequested>({
    name: 'csms.command-requests', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false,
    retention: transientRetention,
    records: ['io.csms.commands.CommandRequested'],
  }),
  outbound: topic<OutboundFrame>({
    name: 'ocpp.outbound', key: 'chargePointId (partition = gateway node)', partitions: MAX_GATEWAY_NODES, compacted: false,
    retention: transientRetention,
    records: ['io.csms.ocpp.OutboundFrame'],
  }),
  stations: topic<StationEvent>({
    name: 'csms.stations', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false, retention: domainRetention,
    records: [
      'io.csms.stations.StationConnected', 'io.csms.stations.StationDisconnected', 'io.csms.stations.StationBooted',
      'io.csms.stations.HeartbeatReceived', 'io.csms.stations.ConnectorStatusChanged', 'io.csms.stations.DataTransferReceived',
      'io.csms.stations.FirmwareStatusReported', 'io.csms.stations.DiagnosticsStatusReported',
      'io.csms.stations.ConfigurationReported', 'io.csms.stations.ConfigurationChanged',
      'io.csms.stations.LocalListUpdated', 'io.csms.stations.LocalListVersionReported',
      'io.csms.stations.ReservationMade', 'io.csms.stations.ReservationEnded',
      'io.csms.stations.ChargingProfileSet', 'io.csms.stations.ChargingProfilesCleared',
      'io.csms.stations.CompositeScheduleReported', 'io.csms.stations.LogStatusReported',
      'io.csms.stations.VariablesReported',
    ],
  }),
  /** The life of every command: requested, sent, completed with its outcome. */
  commands: topic<CommandEvent>({
    name: 'csms.commands', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false, retention: domainRetention,
    records: ['io.csms.commands.CommandRequested', 'io.csms.commands.CommandSent', 'io.csms.commands.CommandCompleted'],
  }),
  sessions: topic<SessionEvent>({
    name: 'csms.sessions', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false, retention: domainRetention,
    records: [
      'io.csms.sessions.AuthorizationDecided', 'io.csms.sessions.TransactionStarted',
      'io.csms.sessions.MeterValuesSampled', 'io.csms.sessions.TransactionStopped', 'io.csms.sessions.TransactionUpdated',
    ],
  }),
  /** What sessions cost: running costs, one CDR per session, and a re-rating's credits and corrections. */
  billing: topic<BillingEvent>({
    name: 'csms.billing', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false, retention: domainRetention,
    records: ['io.csms.billing.SessionCostUpdated', 'io.csms.billing.CdrIssued', 'io.csms.billing.CdrCredited'],
  }),
  /**
   * Re-ratings asked for (by the api or `npm run rerate`) and what each did; one partition, so
   * they run one after another, each seeing the corrections of those before it.
   */
  rerates: topic<RerateRecord>({
    name: 'csms.billing.rerates', key: 'rerateId', partitions: 1, compacted: false, retention: domainRetention,
    records: ['io.csms.billing.RerateRequested', 'io.csms.billing.RerateCompleted'],
  }),
  /** Every tariff with all its versions; read by the processors (pricing) and the api. */
  tariffs: topic<Tariff>({
    name: 'csms.config.tariffs', key: 'tariffId', partitions: 3, compacted: true, records: ['io.csms.config.Tariff'],
  }),
  /** Which tariff prices which sessions (README: Billing). */
  tariffAssignments: topic<TariffAssignment>({
    name: 'csms.config.tariff-assignments', key: 'scope (default, station:<id>, evse:<id>:<evseId>, group:<groupIdToken>)',
    partitions: 3, compacted: true, records: ['io.csms.config.TariffAssignment'],
  }),
  idTags: topic<IdTag>({
    name: 'csms.config.id-tags', key: 'idTag', partitions: 3, compacted: true, records: ['io.csms.config.IdTag'],
  }),
  chargePoints: topic<ChargePoint>({
    name: 'csms.config.charge-points', key: 'chargePointId', partitions: 3, compacted: true,
    records: ['io.csms.config.ChargePoint'],
  }),
  /** What the CSMS saw of its stations' security: refused connections, replaced sockets, reported events, certificates. */
  security: topic<SecurityRecord>({
    name: 'csms.security', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false, retention: domainRetention,
    records: [
      'io.csms.security.StationAuthenticationRefused', 'io.csms.security.ConnectionReplaced',
      'io.csms.security.SecurityEventReported', 'io.csms.security.CertificateSigningRequested',
      'io.csms.security.CertificateIssued', 'io.csms.security.CertificateSigningRefused',
    ],
  }),
  /**
   * Station passwords (hashed): the gateways check them, the api reads them for rotations, and
   * the station-credentials projection keeps what operators may see (whether one is set, when, by
   * whom; never the hash).
   */
  stationCredentials: topic<StationCredential>({
    name: 'csms.config.station-credentials', key: 'chargePointId', partitions: 3, compacted: true, secret: true,
    records: ['io.csms.config.StationCredential'],
  }),
  /** Operators' API keys (hashed); read by the api. */
  apiKeys: topic<ApiKey>({
    name: 'csms.config.api-keys', key: 'id', partitions: 1, compacted: true, secret: true, records: ['io.csms.config.ApiKey'],
  }),
  snapshots: topic<ProcessorSnapshot>({
    name: 'csms.processor.snapshots', key: 'decider:entity', partitions: KEYED_PARTITIONS, compacted: true,
    records: ['io.csms.internal.ProcessorSnapshot'],
  }),
  /**
   * Each gateway node's last probe write: its /health says 'up' only after a write succeeded,
   * and with no station traffic a node learns it only from these. Compacted, one key per node.
   */
  gatewayProbes: topic<GatewayProbe>({
    name: 'csms.gateway.probes', key: 'gateway node ordinal', partitions: 1, compacted: true,
    records: ['io.csms.internal.GatewayProbe'],
  }),
  /** Records a processor or projection gave up on, their re-drives, and re-drives that failed again. */
  deadLetter: topic<DeadLetterRecord>({
    name: 'csms.dead-letter', key: 'dead letter id', partitions: 1, compacted: false,
    retention: { ms: 730 * DAY_MS, bytesPerPartition: 4 * GIB },
    records: ['io.csms.internal.DeadLetter', 'io.csms.internal.DeadLetterRedriven', 'io.csms.internal.DeadLetterRedriveFailed'],
  }),
  /**
   * Operators' requests to re-drive a dead letter (POST /dead-letters/{id}/redrive), run by the
   * projections; what each did shows on csms.dead-letter. Keyed by the letter, so two requests
   * for one letter are handled in order; one partition, since re-drives are rare.
   */
  deadLetterRedrives: topic<DeadLetterRedriveRequested>({
    name: 'csms.dead-letter-redrives', key: 'dead letter id', partitions: 1, compacted: false, retention: transientRetention,
    records: ['io.csms.internal.DeadLetterRedriveRequested'],
  }),
} as const;

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type ValueOf<T extends TopicName> = NonNullable<Topics[T]['value']>;

export function isSecretTopic(topic: TopicName): boolean {
  const spec: TopicSpec<unknown> = topics[topic];
  return spec.secret === true;
}
