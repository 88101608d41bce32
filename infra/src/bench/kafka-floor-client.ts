// The Kafka floor's seam: the three Kafka parts of its round trip, which kafka-floor.ts drives the
// same way whichever client provides them, so that the clients' figures compare. Each client
// gives them the services' guarantees (kafkajs-floor.ts is the reference): a gateway-like
// idempotent acks=all producer with one request in flight, sending in groups; a processor-like
// relay, read_committed, that produces and commits the consumed offsets in one transaction per
// batch, a transactional producer per partition; a gateway-like receiver in a consumer group.

export type KafkaClientName = 'kafkajs' | 'platformatic' | 'confluent';

export interface FloorRecord {
  readonly key: string;
  readonly value: string;
}

export interface FloorLoopOptions {
  /** The gateway-like producer writes here; the relay reads it. */
  readonly inbound: string;
  /** The relay writes here; the receiver reads it. */
  readonly outbound: string;
  readonly partitions: number;
  readonly relayGroupId: string;
  /** Partition p's transactional id is `${transactionalIdPrefix}-p${p}`. */
  readonly transactionalIdPrefix: string;
  readonly receiverGroupId: string;
  /** The value of each record the receiver reads. */
  onReceived(value: string): void;
  /** A failure no call can be charged with (a relay's transaction, a consumer's stream): its calls time out. */
  onError(error: unknown): void;
}

/** What a relay takes of the loop's options: it reads inbound in its group and writes outbound. */
export type RelayOptions = Pick<FloorLoopOptions, 'inbound' | 'outbound' | 'partitions' | 'relayGroupId' | 'transactionalIdPrefix' | 'onError'>;

/** A relay, started (each client's startXRelay resolves once its group gave it its partitions). */
export interface FloorRelay {
  stop(): Promise<void>;
}

export interface FloorLoop {
  /** Resolves once Kafka acknowledged the record (acks=all); rejects when its request failed. */
  send(record: FloorRecord): Promise<void>;
  close(): Promise<void>;
}

/** Where a client connects: a client is made with it (kafka-floor-clients.ts), then opens loops. */
export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly clientId: string;
}

export interface KafkaFloorClient {
  /** Names the client in the floor's result. */
  readonly name: KafkaClientName;
  /** The producer, relay and receiver, connected, the consumers with their partitions assigned. */
  open(options: FloorLoopOptions): Promise<FloorLoop>;
}
