// The compacted configuration topics as in-memory tables (id tags, registered charge
// points), kept current for as long as the processor runs. A null value deletes the key.
import type { Kafka, KafkaMessage } from 'kafkajs';
import { topicName, type ChargePoint, type IdTag, type Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { Tables } from '../deciders/context.ts';
import { followTopic, type Follower } from './topic-follower.ts';

export interface GlobalTablesOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly logger: Logger;
}

export interface GlobalTables {
  readonly tables: Tables;
  /** Resolves once both tables hold everything written before start-up. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

function upsert<Value>(table: Map<string, Value>, decode: (bytes: Buffer) => Promise<Value>) {
  return async (_partition: number, message: KafkaMessage): Promise<void> => {
    if (message.key === null) return;
    const key = message.key.toString('utf8');
    if (message.value === null) table.delete(key);
    else table.set(key, await decode(message.value));
  };
}

export async function startGlobalTables(options: GlobalTablesOptions): Promise<GlobalTables> {
  const { kafka, serde, topicPrefix, logger } = options;
  const idTags = new Map<string, IdTag>();
  const chargePoints = new Map<string, ChargePoint>();
  const groupIdPrefix = `${topicPrefix}csms-processors-tables`;
  // Both join their groups at once: each join is a broker round of its own.
  const followers: Follower[] = await Promise.all([
    followTopic({
      kafka, logger, groupIdPrefix, keepFollowing: true, topic: topicName('idTags', topicPrefix),
      onMessage: upsert(idTags, (bytes) => serde.decode('idTags', bytes)),
    }),
    followTopic({
      kafka, logger, groupIdPrefix, keepFollowing: true, topic: topicName('chargePoints', topicPrefix),
      onMessage: upsert(chargePoints, (bytes) => serde.decode('chargePoints', bytes)),
    }),
  ]);
  return {
    tables: { idTags, chargePoints },
    ready: Promise.all(followers.map((f) => f.caughtUp)).then(() => undefined),
    stop: async () => { await Promise.all(followers.map((f) => f.stop())); },
  };
}
