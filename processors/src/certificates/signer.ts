// The certificate authority's Kafka runtime: a read_committed consumer group of its own over
// csms.security, and one transactional producer per partition it owns, named after the
// partition, so whoever takes a partition over fences the previous owner (as the deciders'
// runtime does, runtime/partition-producers.ts). After fencing it reads the group's committed
// offset of the partition, which no earlier owner can move any more, and skips what is below it.
import type { Admin, Kafka } from 'kafkajs';
import { KEYED_PARTITIONS, topicName, type Serde } from '@csms/contracts';
import { retriedByKafkajs, watchGroupMembership, type Logger } from '@csms/infra';
import { createBatchWatch, type RuntimeHealth } from '../runtime/batch-watch.ts';
import { createPartitionProducers, type PartitionProducers } from '../runtime/partition-producers.ts';
import type { SignerSettings } from './sign-request.ts';
import { createSignerBatchHandler } from './signer-batch.ts';
import type { SignerMetrics } from './signer-metrics.ts';

export interface CertificateSignerOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly settings: SignerSettings;
  readonly logger: Logger;
  readonly metrics: SignerMetrics;
  /** Attempts at a throwing record before it is dead-lettered. */
  readonly maxAttempts: number;
  /** A batch running longer than this means the runtime is stuck. */
  readonly stallMs: number;
}

export interface CertificateSigner {
  health(): RuntimeHealth;
  stop(): Promise<void>;
}

export function certificateAuthorityGroupId(topicPrefix: string): string {
  return `${topicPrefix}csms-certificate-authority`;
}

function createProducers({ kafka, topicPrefix, logger }: CertificateSignerOptions): PartitionProducers {
  return createPartitionProducers({
    transactionalIdPrefix: `${topicPrefix}csms-certificate-authority`, logger,
    // As the deciders' producers (runtime/processor-runtime.ts): short transactions, quick retries.
    createProducer: (transactionalId) => kafka.producer({
      transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 10_000,
      retry: { initialRetryTime: 5, maxRetryTime: 500, retries: 30 },
    }),
  });
}

/** The group's committed offset of a partition of `topic`; 0 when it has none (the group reads from the beginning). */
function committedOffsets(admin: Admin, groupId: string, topic: string): (partition: number) => Promise<bigint> {
  return async (partition) => {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const offset = offsets?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
    return offset === '-1' ? 0n : BigInt(offset);
  };
}

export async function startCertificateSigner(options: CertificateSignerOptions): Promise<CertificateSigner> {
  const { kafka, topicPrefix } = options;
  const logger = options.logger.child({ component: 'certificate-authority' });
  const groupId = certificateAuthorityGroupId(topicPrefix);
  const topic = topicName('security', topicPrefix);
  const admin = kafka.admin();
  await admin.connect();
  const producers = createProducers(options);
  const consumer = kafka.consumer({ groupId, readUncommitted: false, sessionTimeout: 10_000, heartbeatInterval: 3_000 });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const partitions = payload.memberAssignment[topic] ?? [];
    logger.info({ partitions }, 'partitions assigned');
    void producers.retain(partitions);
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const handle = createSignerBatchHandler({
    serde: options.serde, topicPrefix, consumerGroupId: groupId, producers, committedOffset: committedOffsets(admin, groupId, topic),
    settings: options.settings, logger, metrics: options.metrics, maxAttempts: options.maxAttempts,
  });
  const watch = createBatchWatch(options.stallMs);
  const membership = watchGroupMembership({ consumer, onLost: (reason) => watch.crashed(reason) });
  // Offsets are committed only by sendOffsets inside each batch's transaction.
  await consumer.run({
    autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: KEYED_PARTITIONS,
    eachBatch: (payload) => watch.track(payload.batch.partition, () => retriedByKafkajs(() => handle(payload))),
  });
  return {
    health: () => watch.health(),
    async stop() {
      membership.stop();
      await consumer.disconnect();
      await producers.close();
      await admin.disconnect();
    },
  };
}
