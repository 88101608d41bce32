// Writes the plan's records straight to the projected topics, as fast as the machine allows while
// keeping what the services' producers guarantee: idempotent, acknowledged by all replicas, not
// compressed (as the services), each station's records in order. kafkajs lets an idempotent
// producer have one request in flight per broker, so each lane has a producer of its own: while
// one lane's request is out, the others encode their next batches. The records are not
// transactional, so a read_committed consumer (a rebuild) sees each as soon as it is acknowledged.
import type { Kafka, Message, Producer } from 'kafkajs';
import { MAX_RECORD_BYTES, topicName, type Serde } from '@csms/contracts';
import type { FleetPlan } from './fleet-plan.ts';
import { encodeRecord, type PlannedRecord } from './planned-record.ts';
import { laneRecords } from './planned-records.ts';

/**
 * A request's records together stay under what one partition's record batch may hold (the broker's
 * message.max.bytes), so no partition's share of it can be refused however the keys fall: some
 * 7,000 of these records a request.
 */
export const MAX_BATCH_BYTES = MAX_RECORD_BYTES;
/** What a record costs in a record batch beyond its key and value (length, attributes, deltas, header count): under 20 bytes at these sizes. */
export const RECORD_FRAMING_BYTES = 20;

/** What a lane needs of a kafkajs producer: the I/O port (faked in the unit test). */
export type LaneProducer = Pick<Producer, 'connect' | 'sendBatch' | 'disconnect'>;

/** A lane's producer: idempotent, so a retried request is not written twice, and sending only to topics that exist. */
export function laneProducer(kafka: Kafka): LaneProducer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}

export interface WriteOptions {
  /** A new, unconnected producer for each lane (laneProducer). */
  readonly createProducer: () => LaneProducer;
  readonly serde: Pick<Serde, 'encode'>;
  readonly topicPrefix: string;
  readonly plan: FleetPlan;
  /** When the first station is registered (epoch ms). */
  readonly t0: number;
  readonly lanes: number;
  /** Told after each acknowledged request, with how many records it held. */
  readonly onWritten: (records: number) => void;
}

interface Batch {
  readonly byTopic: Map<string, Message[]>;
  records: number;
  bytes: number;
}

const emptyBatch = (): Batch => ({ byTopic: new Map(), records: 0, bytes: 0 });

async function send(producer: LaneProducer, batch: Batch): Promise<void> {
  const topicMessages = [...batch.byTopic].map(([topic, messages]) => ({ topic, messages }));
  await producer.sendBatch({ acks: -1, topicMessages });
}

async function writeLane(producer: LaneProducer, records: Iterable<PlannedRecord>, options: WriteOptions): Promise<void> {
  let batch = emptyBatch();
  const flush = async (): Promise<void> => {
    await send(producer, batch);
    options.onWritten(batch.records);
    batch = emptyBatch();
  };
  for (const record of records) {
    const value = await encodeRecord(options.serde, record);
    const topic = topicName(record.topic, options.topicPrefix);
    const messages = batch.byTopic.get(topic) ?? [];
    if (messages.length === 0) batch.byTopic.set(topic, messages);
    messages.push({ key: record.key, value });
    batch.records += 1;
    batch.bytes += value.length + Buffer.byteLength(record.key) + RECORD_FRAMING_BYTES;
    if (batch.bytes >= MAX_BATCH_BYTES) await flush();
  }
  if (batch.records > 0) await flush();
}

/** Writes every record of the plan; onWritten tells how many were acknowledged. */
export async function writeFleet(options: WriteOptions): Promise<void> {
  const { plan, t0, lanes } = options;
  const producers = Array.from({ length: lanes }, options.createProducer);
  try {
    await Promise.all(producers.map((producer) => producer.connect()));
    await Promise.all(producers.map((producer, lane) => writeLane(producer, laneRecords({ plan, t0, lane, lanes }), options)));
  } finally {
    await Promise.allSettled(producers.map((producer) => producer.disconnect()));
  }
}
