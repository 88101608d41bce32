// Follows csms.dead-letter-redrives in a consumer group of its own (the live projections' group
// reads only what they fold) and handles each request (redrive-request.ts), committing its offset
// only once it is handled, so a crash hands it to the next member, which finds the letter done or
// handles it then. No request may stop the topic: a failing re-drive is an answer (recorded);
// one that cannot be decoded, or that hits a bug, is tried a bounded number of times and then
// logged and skipped. A failure of the broker, registry or database is retried without limit,
// as everywhere (its request is fetched again by kafkajs), since skipping would lose the request.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import { isTransientError, retriedByKafkajs, type Logger } from '@csms/infra';
import { handleRedriveRequest, type RedriveRequestPorts } from './redrive-request.ts';

export interface RedriveRequestConsumerOptions {
  readonly kafka: Kafka;
  readonly serde: Pick<Serde, 'decode'>;
  readonly topicPrefix: string;
  readonly groupId: string;
  readonly logger: Logger;
  readonly ports: RedriveRequestPorts;
  /** Tries at a request failing for a reason of its own (undecodable, a bug) before it is skipped. */
  readonly maxAttempts: number;
}

export interface RunningRedriveRequests {
  stop(): Promise<void>;
}

export function redriveRequestsGroupId(topicPrefix: string): string {
  return `${topicPrefix}csms-projections-redrives`;
}

async function handleOnce(options: RedriveRequestConsumerOptions, message: KafkaMessage): Promise<void> {
  if (message.value === null) return;
  const request = await options.serde.decode('deadLetterRedrives', message.value);
  const result = await handleRedriveRequest(options.ports, request);
  const fields = { deadLetterId: request.deadLetterId, requestId: request.requestId, requestedBy: request.requestedBy, ...result };
  if (result.outcome === 'Failed') options.logger.warn(fields, 'dead letter re-drive failed again; it stays open');
  else options.logger.info(fields, 'dead letter re-drive request handled');
}

async function handleMessage(options: RedriveRequestConsumerOptions, partition: number, message: KafkaMessage): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await handleOnce(options, message);
      return;
    } catch (error) {
      if (isTransientError(error)) throw error;
      if (attempt >= options.maxAttempts) {
        options.logger.error({ err: error, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, attempts: attempt },
          'dead letter re-drive request skipped: it cannot be handled');
        return;
      }
      await sleep(100 * attempt);
    }
  }
}

export async function startRedriveRequests(options: RedriveRequestConsumerOptions): Promise<RunningRedriveRequests> {
  const topic = topicName('deadLetterRedrives', options.topicPrefix);
  const consumer: Consumer = options.kafka.consumer({ groupId: options.groupId, readUncommitted: false });
  await consumer.connect();
  // From the beginning for a new group: a request written before the projections first joined
  // is still handled (one for a letter re-driven since finds it done).
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      await retriedByKafkajs(() => handleMessage(options, partition, message));
      await consumer.commitOffsets([{ topic, partition, offset: String(BigInt(message.offset) + 1n) }]);
    },
  });
  return { stop: () => consumer.disconnect() };
}
