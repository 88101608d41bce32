// Consumer lag per topic and partition, for Prometheus: every `everyMs`, each partition's end
// offset (the broker's high watermark) minus the next offset the consumer will read, for the
// partitions this member holds. Sampled rather than taken from batches, so that a consumer that
// stopped fetching still shows its lag growing. Where the committed offsets live is the caller's:
// Kafka's group offsets (processors, gateway) or the read models' own table (projections).
import type { Admin } from 'kafkajs';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from './logger.ts';
import { sampleEvery, type Sampler } from './repeat.ts';

export interface LagSource {
  /** The partitions this member holds now, by topic. */
  held(): ReadonlyMap<string, readonly number[]>;
  /** The next offset to read per partition of `topic`; a partition with none committed is absent. */
  committed(topic: string, partitions: readonly number[]): Promise<ReadonlyMap<number, bigint>>;
}

export interface ConsumerLagOptions {
  readonly admin: Pick<Admin, 'fetchTopicOffsets'>;
  readonly source: LagSource;
  readonly gauge: Gauge<'topic' | 'partition'>;
  readonly logger: Pick<Logger, 'debug'>;
  readonly everyMs?: number;
}


/** Records between the next one to read and the end; all that the log still holds when nothing was committed. */
export function lagOf(end: bigint, logStart: bigint, next: bigint | undefined): bigint {
  const from = next === undefined || next < logStart ? logStart : next;
  return end > from ? end - from : 0n;
}

/** sample() samples now (the timer samples otherwise). */
export function sampleConsumerLag(options: ConsumerLagOptions): Sampler {
  const { admin, source, gauge, logger, everyMs = 15_000 } = options;
  const sampleNow = async (): Promise<void> => {
    const rows: { topic: string; partition: number; lag: bigint }[] = [];
    for (const [topic, partitions] of source.held()) {
      if (partitions.length === 0) continue;
      const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), source.committed(topic, partitions)]);
      for (const end of ends) {
        if (!partitions.includes(end.partition)) continue;
        rows.push({ topic, partition: end.partition, lag: lagOf(BigInt(end.high), BigInt(end.low), committed.get(end.partition)) });
      }
    }
    // Replaced as a whole: partitions this member gave up in a rebalance disappear.
    gauge.reset();
    for (const { topic, partition, lag } of rows) gauge.set({ topic, partition: String(partition) }, Number(lag));
  };
  return sampleEvery(sampleNow, everyMs, (error) => logger.debug({ err: error }, 'consumer lag not sampled'));
}

/** Kafka's committed offsets of `groupId` (the processors', the gateways'). */
export function groupOffsets(admin: Pick<Admin, 'fetchOffsets'>, groupId: string): LagSource['committed'] {
  return async (topic, partitions) => {
    const [fetched] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const offsets = new Map<number, bigint>();
    for (const { partition, offset } of fetched?.partitions ?? []) {
      if (partitions.includes(partition) && offset !== '-1') offsets.set(partition, BigInt(offset));
    }
    return offsets;
  };
}

/** What a consumer runtime (processors, projections) reports of its consumption: its lag, and the batches it had tried again. */
export interface ConsumerMetrics {
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  readonly batchesRetried: Counter;
}

/** `csms_<service>_consumer_lag_records{topic,partition}` (what it lags, in `lagHelp`) and `csms_<service>_batches_retried_total`. */
export function consumerMetrics(service: string, lagHelp: string, registers: Registry[]): ConsumerMetrics {
  return {
    consumerLag: new Gauge({
      name: `csms_${service}_consumer_lag_records`, help: `${lagHelp}, per partition this instance holds (sampled every 15 s)`,
      labelNames: ['topic', 'partition'], registers,
    }),
    batchesRetried: new Counter({
      name: `csms_${service}_batches_retried_total`, help: 'Batches handed back to kafkajs to be fetched and tried again, for any reason (transient ones included)', registers,
    }),
  };
}
