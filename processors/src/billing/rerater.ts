// Runs the re-ratings asked for on csms.billing.rerates, one at a time: reads the log, plans,
// and writes the credits, the Corrections and the RerateCompleted with the request's offset in
// one Kafka transaction, so a crash leaves either all of a re-rating or none of it, and the
// request is run again. Running it again writes the same records (ids and times derive from the
// request), and the read models keep each once.
import type { Kafka, Producer } from 'kafkajs';
import { topicName, type RerateRequested, type Serde } from '@csms/contracts';
import { retriedByKafkajs, watchGroupMembership, type Logger } from '@csms/infra';
import type { ProcessorSettings } from '../deciders/context.ts';
import { createBatchWatch, type RuntimeHealth } from '../runtime/batch-watch.ts';
import { readRerateInputs } from './rerate-inputs.ts';
import { planRerate, type RerateOutcome } from './rerate-plan.ts';
import { billingRecordsOf, rerateCompleted } from './rerate-records.ts';

export interface RerateRunnerOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly settings: ProcessorSettings;
  readonly logger: Logger;
  /** A re-rating running longer than this means the runner is stuck. */
  readonly stallMs: number;
}

export interface RerateRunner {
  health(): RuntimeHealth;
  stop(): Promise<void>;
}

/** The request's position once done: committed with what it wrote. */
interface RequestOffset { readonly groupId: string; readonly partition: number; readonly offset: string }

async function writeOutcome(
  options: RerateRunnerOptions, producer: Producer, requested: RerateRequested, outcomes: readonly RerateOutcome[], error: string | null,
  offset: RequestOffset,
): Promise<void> {
  const { serde, topicPrefix } = options;
  const billing = await Promise.all(billingRecordsOf(requested, outcomes).map(async (record) => ({
    key: record.chargePointId, value: await serde.encode('billing', record),
  })));
  const completed = await serde.encode('rerates', rerateCompleted(requested, outcomes, error));
  const transaction = await producer.transaction();
  try {
    if (billing.length > 0) await transaction.send({ topic: topicName('billing', topicPrefix), messages: billing });
    await transaction.send({ topic: topicName('rerates', topicPrefix), messages: [{ key: requested.rerateId, value: completed }] });
    await transaction.sendOffsets({
      consumerGroupId: offset.groupId,
      topics: [{ topic: topicName('rerates', topicPrefix), partitions: [{ partition: offset.partition, offset: offset.offset }] }],
    });
    await transaction.commit();
  } catch (error) {
    await transaction.abort().catch(() => {});
    throw error;
  }
}

async function run(options: RerateRunnerOptions, producer: Producer, requested: RerateRequested, offset: RequestOffset): Promise<void> {
  const { logger } = options;
  const inputs = await readRerateInputs(options);
  if (!inputs.tariffs.has(requested.tariffId)) {
    await writeOutcome(options, producer, requested, [], `tariff ${requested.tariffId} is unknown`, offset);
    return;
  }
  const outcomes = planRerate(requested, inputs.log, inputs.tariffs, options.settings);
  await writeOutcome(options, producer, requested, outcomes, null, offset);
  const corrected = outcomes.filter((o) => o.status === 'corrected').length;
  logger.info({ rerateId: requested.rerateId, tariffId: requested.tariffId, sessions: outcomes.length, corrected, dryRun: requested.dryRun }, 're-rating done');
}

/**
 * The transactional producer, made when a re-rating is about to run: only the instance that owns
 * the partition names the transactional id, so processors instances that merely stand by never
 * fence it. Dropped at every rebalance; the next owner's first re-rating fences whoever ran before.
 */
function ownerProducer(kafka: Kafka, transactionalId: string) {
  let current: Promise<Producer> | null = null;
  return {
    get(): Promise<Producer> {
      if (current !== null) return current;
      const made = (async () => {
        const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 60_000 });
        await producer.connect();
        return producer;
      })();
      // A producer that failed to connect is not kept: the retry makes a new one.
      made.catch(() => { if (current === made) current = null; });
      current = made;
      return made;
    },
    async drop(): Promise<void> {
      const dropped = current;
      current = null;
      await dropped?.then((producer) => producer.disconnect(), () => {});
    },
  };
}

export async function startRerateRunner(options: RerateRunnerOptions): Promise<RerateRunner> {
  const { kafka, topicPrefix, serde } = options;
  const logger = options.logger.child({ component: 'rerater' });
  const groupId = `${topicPrefix}csms-rerater`;
  const producer = ownerProducer(kafka, `${topicPrefix}csms-rerater`);
  const consumer = kafka.consumer({ groupId, readUncommitted: false, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
  consumer.on(consumer.events.GROUP_JOIN, () => { void producer.drop(); });
  await consumer.connect();
  await consumer.subscribe({ topics: [topicName('rerates', topicPrefix)], fromBeginning: true });
  const watch = createBatchWatch(options.stallMs);
  const membership = watchGroupMembership({ consumer, onLost: (reason) => watch.crashed(reason) });
  await consumer.run({
    autoCommit: false,
    eachMessage: ({ partition, message }) => watch.track(partition, () => retriedByKafkajs(async () => {
      if (message.value === null) return;
      const record = await serde.decode('rerates', message.value);
      if (record.type !== 'RerateRequested') return;
      logger.info({ rerateId: record.rerateId, tariffId: record.tariffId, dryRun: record.dryRun }, 're-rating');
      try {
        await run({ ...options, logger }, await producer.get(), record, { groupId, partition, offset: String(BigInt(message.offset) + 1n) });
      } catch (error) {
        // Fenced or broken: the retry starts from a fresh producer.
        await producer.drop();
        throw error;
      }
    })),
  });
  return {
    health: () => watch.health(),
    async stop() {
      membership.stop();
      await consumer.disconnect();
      await producer.drop();
    },
  };
}
