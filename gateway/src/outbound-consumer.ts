// Reads this node's partition of ocpp.outbound (partition = node ordinal) and hands each
// frame to the dispatcher. One consumer group per node, so the node is the group's only
// member and gets every partition: all but its own are paused.
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import {
  groupOffsets, sampleConsumerLag, secondsSinceTimestamp, watchGroupMembership, type GroupWatch, type Sampler, type Logger,
} from '@csms/infra';
import type { KafkaClientState } from './http-routes.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { DispatchOutcome, OutboundDispatcher } from './outbound-dispatcher.ts';

interface OutboundConsumerOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly node: number;
  readonly dispatcher: OutboundDispatcher;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Wall-clock ms, compared with the records' Kafka timestamps. */
  readonly clock: () => number;
}

export interface OutboundConsumer {
  /** Calls `onLost` if the consumer crashes for good or drops out of its group. */
  watch(onLost: (reason: string) => void): void;
  /** Resolves once the consumer joined its group and paused the other partitions. */
  start(): Promise<void>;
  stop(): Promise<void>;
  state(): KafkaClientState;
}

function outboundGroupId(topicPrefix: string, node: number): string {
  return `${topicPrefix}csms-gateway-node-${node}`;
}

/** Whether the frame reached its socket (a CALL: sent, or queued behind the one awaiting its answer). */
function delivered(outcome: DispatchOutcome): boolean {
  switch (outcome) {
    case 'sent':
    case 'queued':
      return true;
    case 'duplicate':
    case 'expired':
    case 'queue-full':
    case 'socket-closed':
    case 'no-connection':
    case 'connection-replaced':
    case 'wrong-node':
    case 'malformed-call':
    case 'malformed-reply':
      return false;
    default: {
      const _exhaustive: never = outcome;
      return _exhaustive;
    }
  }
}

/**
 * The consumer's eachMessage. The outbound_fetch stage is timed from the record's timestamp,
 * which kafkajs stamps when the processor's transaction sends it: it holds the rest of that
 * transaction (read_committed: nothing is fetched before the commit) and the fetch itself.
 */
export function outboundHandler(options: Omit<OutboundConsumerOptions, 'kafka' | 'topicPrefix'>, topic: string) {
  const { node, serde, dispatcher, metrics, logger, clock } = options;
  return async ({ partition, message }: Pick<EachMessagePayload, 'partition' | 'message'>): Promise<void> => {
    if (partition !== node || message.value === null) return;
    metrics.stages.outbound_fetch.observe(secondsSinceTimestamp(message.timestamp, clock()));
    const frame = await serde.decode('outbound', message.value).catch((error: unknown) => {
      // Skipped rather than retried: the same bytes fail the same way, and the partition must go on.
      metrics.outboundUndecodable.inc();
      logger.error({ err: error, topic, partition, offset: message.offset }, 'undecodable outbound record skipped');
      return null;
    });
    if (frame === null) return;
    // Throws only when an undelivered CALL could not be recorded: kafkajs then retries the message.
    const outcome = await dispatcher.dispatch(frame);
    if (delivered(outcome)) {
      metrics.outboundSent.inc({ frame_type: frame.frameType });
      return;
    }
    metrics.outboundDropped.inc({ reason: outcome });
    logger.info({ chargePointId: frame.chargePointId, messageId: frame.messageId, reason: outcome }, 'outbound frame dropped');
  };
}

function pauseOthers(consumer: Consumer, topic: string, node: number, assigned: Record<string, number[]>): void {
  const others = (assigned[topic] ?? []).filter((p) => p !== node);
  if (others.length > 0) consumer.pause([{ topic, partitions: others }]);
}

export function createOutboundConsumer(options: OutboundConsumerOptions): OutboundConsumer {
  const topic = topicName('outbound', options.topicPrefix);
  const groupId = outboundGroupId(options.topicPrefix, options.node);
  const consumer = options.kafka.consumer({ groupId });
  const admin = options.kafka.admin();
  let lag: Sampler | null = null;
  let state: KafkaClientState = 'starting';
  let membership: GroupWatch | null = null;
  let joined: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { joined = resolve; });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    pauseOthers(consumer, topic, options.node, payload.memberAssignment);
    state = 'up';
    joined();
  });
  consumer.on(consumer.events.CRASH, () => { state = 'down'; });
  consumer.on(consumer.events.STOP, () => { state = 'down'; });
  return {
    async start() {
      await admin.connect();
      lag = sampleConsumerLag({
        admin, gauge: options.metrics.outboundLag, logger: options.logger,
        source: { held: () => new Map([[topic, [options.node]]]), committed: groupOffsets(admin, groupId) },
      });
      await consumer.connect();
      // From the committed offset; a new group starts at the beginning, where frames for
      // sockets this node no longer holds are dropped by connectionId or by absence.
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: outboundHandler(options, topic) });
      await ready;
    },
    watch(onLost) {
      membership = watchGroupMembership({ consumer, onLost });
    },
    async stop() {
      membership?.stop();
      lag?.stop();
      await consumer.disconnect();
      await admin.disconnect();
    },
    state: () => state,
  };
}
