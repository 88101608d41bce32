// @confluentinc/kafka-javascript (librdkafka) is an optional dependency: no prebuilt binary can be
// fetched here, and its source build fetches zlib, OpenSSL, zstd and curl sources unless
// CKJS_LINKING=dynamic has it link the system's, so a plain `npm ci` goes on without it, its types
// included. So it is loaded at run time, and these are the few parts of its KafkaJS-compatible API
// the floor uses, as 1.10.1 declares them (types/kafkajs.d.ts).

/** librdkafka's own settings, beside the kafkaJS block. */
interface RdKafkaProducerSettings {
  readonly 'linger.ms'?: number;
}

export interface ConfluentProducerConfig extends RdKafkaProducerSettings {
  readonly kafkaJS: {
    readonly idempotent?: boolean;
    readonly transactionalId?: string;
    readonly maxInFlightRequests?: number;
    readonly acks?: number;
    readonly transactionTimeout?: number;
    readonly retry?: { readonly retries?: number; readonly initialRetryTime?: number; readonly maxRetryTime?: number };
  };
}

export interface ConfluentConsumerConfig {
  /** The most records an eachBatch call gets; -1 for all the partition has fetched. */
  readonly 'js.consumer.max.batch.size'?: number;
  readonly kafkaJS: {
    readonly groupId: string;
    readonly fromBeginning?: boolean;
    readonly autoCommit?: boolean;
    readonly readUncommitted?: boolean;
    readonly sessionTimeout?: number;
    readonly heartbeatInterval?: number;
  };
}

export interface ConfluentMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

export interface ConfluentBatch {
  readonly partition: number;
  readonly messages: ConfluentMessage[];
  lastOffset(): string;
}

export interface ConfluentConsumer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(subscription: { topics: string[] }): Promise<void>;
  run(config: {
    partitionsConsumedConcurrently?: number;
    eachBatch?: (payload: { batch: ConfluentBatch }) => Promise<void>;
    eachMessage?: (payload: { message: ConfluentMessage }) => Promise<void>;
  }): Promise<void>;
  assignment(): { topic: string; partition: number }[];
}

export interface ConfluentOutgoing {
  readonly key: string | Buffer | null;
  readonly value: string | Buffer | null;
}

/** A transaction is its producer (one transaction at a time), so both send. */
export interface ConfluentSender {
  send(record: { topic: string; messages: ConfluentOutgoing[] }): Promise<unknown>;
}

export interface ConfluentTransaction extends ConfluentSender {
  sendOffsets(args: { consumer: ConfluentConsumer; topics: { topic: string; partitions: { partition: number; offset: string }[] }[] }): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface ConfluentProducer extends ConfluentSender {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  transaction(): Promise<ConfluentTransaction>;
}

export interface ConfluentKafka {
  producer(config: ConfluentProducerConfig): ConfluentProducer;
  consumer(config: ConfluentConsumerConfig): ConfluentConsumer;
}

export interface ConfluentKafkaJS {
  readonly Kafka: new (config: { kafkaJS: { brokers: string[]; clientId: string; logLevel: number } }) => ConfluentKafka;
  readonly logLevel: { readonly NOTHING: number };
}

export class KafkaClientMissingError extends Error {
  readonly code = 'KAFKA_CLIENT_MISSING';
  readonly retriable = false;
}

const PACKAGE = '@confluentinc/kafka-javascript';

function isConfluent(module: unknown): module is { KafkaJS: ConfluentKafkaJS } {
  const kafkaJS = (module as { KafkaJS?: { Kafka?: unknown } } | null)?.KafkaJS;
  return typeof kafkaJS?.Kafka === 'function';
}

export async function loadConfluent(): Promise<ConfluentKafkaJS> {
  // A specifier in a variable: the type checker does not look for a package that may be absent.
  const specifier: string = PACKAGE;
  let module: unknown;
  try {
    module = await import(specifier);
  } catch (error) {
    throw new KafkaClientMissingError(
      `${PACKAGE} cannot be loaded: it builds librdkafka from source at install, which needs \`CKJS_LINKING=dynamic npm ci\` (README: Benchmark)`,
      { cause: error },
    );
  }
  if (!isConfluent(module)) throw new KafkaClientMissingError(`${PACKAGE} has no KafkaJS.Kafka: not the API this floor was written for (1.10)`);
  return module.KafkaJS;
}
