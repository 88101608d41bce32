// Every Kafka topic of the system: its name, what its key is, and which Avro records its
// values are. Keys are plain UTF-8 strings; values use the Confluent wire format.
import type {
  ChargePoint, CommandEvent, CommandRequested, DeadLetter, IdTag, InboundRecord, OutboundFrame, ProcessorSnapshot,
  SessionEvent, StationEvent,
} from './generated/avro-types.ts';

export interface TopicSpec<Value> {
  readonly name: string;
  readonly key: string;
  readonly records: readonly string[];
  readonly partitions: number;
  readonly compacted: boolean;
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

export const topics = {
  inbound: topic<InboundRecord>({
    name: 'ocpp.inbound', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false,
    records: [
      'io.csms.ocpp.InboundConnected', 'io.csms.ocpp.InboundDisconnected', 'io.csms.ocpp.InboundFrame',
      'io.csms.ocpp.InboundCallUndelivered',
    ],
  }),
  /** Operators' requests for OCPP calls; co-partitioned with ocpp.inbound (same key, same partition count). */
  commandRequests: topic<CommandRequested>({
    name: 'csms.command-requests', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false,
    records: ['io.csms.commands.CommandRequested'],
  }),
  outbound: topic<OutboundFrame>({
    name: 'ocpp.outbound', key: 'chargePointId (partition = gateway node)', partitions: MAX_GATEWAY_NODES, compacted: false,
    records: ['io.csms.ocpp.OutboundFrame'],
  }),
  stations: topic<StationEvent>({
    name: 'csms.stations', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false,
    records: [
      'io.csms.stations.StationConnected', 'io.csms.stations.StationDisconnected', 'io.csms.stations.StationBooted',
      'io.csms.stations.HeartbeatReceived', 'io.csms.stations.ConnectorStatusChanged', 'io.csms.stations.DataTransferReceived',
      'io.csms.stations.FirmwareStatusReported', 'io.csms.stations.DiagnosticsStatusReported',
      'io.csms.stations.ConfigurationReported', 'io.csms.stations.ConfigurationChanged',
      'io.csms.stations.LocalListUpdated', 'io.csms.stations.LocalListVersionReported',
      'io.csms.stations.ReservationMade', 'io.csms.stations.ReservationEnded',
      'io.csms.stations.ChargingProfileSet', 'io.csms.stations.ChargingProfilesCleared',
      'io.csms.stations.CompositeScheduleReported',
    ],
  }),
  /** The life of every command: requested, sent, completed with its outcome. */
  commands: topic<CommandEvent>({
    name: 'csms.commands', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false,
    records: ['io.csms.commands.CommandRequested', 'io.csms.commands.CommandSent', 'io.csms.commands.CommandCompleted'],
  }),
  sessions: topic<SessionEvent>({
    name: 'csms.sessions', key: 'chargePointId', partitions: KEYED_PARTITIONS, compacted: false,
    records: [
      'io.csms.sessions.AuthorizationDecided', 'io.csms.sessions.TransactionStarted',
      'io.csms.sessions.MeterValuesSampled', 'io.csms.sessions.TransactionStopped',
    ],
  }),
  idTags: topic<IdTag>({
    name: 'csms.config.id-tags', key: 'idTag', partitions: 3, compacted: true, records: ['io.csms.config.IdTag'],
  }),
  chargePoints: topic<ChargePoint>({
    name: 'csms.config.charge-points', key: 'chargePointId', partitions: 3, compacted: true,
    records: ['io.csms.config.ChargePoint'],
  }),
  snapshots: topic<ProcessorSnapshot>({
    name: 'csms.processor.snapshots', key: 'decider:entity', partitions: KEYED_PARTITIONS, compacted: true,
    records: ['io.csms.internal.ProcessorSnapshot'],
  }),
  deadLetter: topic<DeadLetter>({
    name: 'csms.dead-letter', key: 'source key', partitions: 1, compacted: false, records: ['io.csms.internal.DeadLetter'],
  }),
} as const;

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type ValueOf<T extends TopicName> = NonNullable<Topics[T]['value']>;
