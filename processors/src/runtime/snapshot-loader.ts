// Rebuilds the decider states of some keyed partitions (p of ocpp.inbound and of
// csms.command-requests) from the same-numbered partitions of the compacted snapshot topic,
// read committed to their end.
import type { Kafka } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import { emptyPartitionMemory, type PartitionMemory } from '../partition-memory.ts';
import { finishRestore, restoreSnapshot } from '../snapshots.ts';
import { followTopic } from '@csms/infra';

export interface SnapshotLoaderOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly logger: Logger;
}

export type SnapshotLoader = (partitions: ReadonlySet<number>) => Promise<Map<number, PartitionMemory>>;

export function createSnapshotLoader(options: SnapshotLoaderOptions): SnapshotLoader {
  const { kafka, serde, topicPrefix, logger } = options;
  return async (partitions) => {
    const memories = new Map([...partitions].map((p) => [p, emptyPartitionMemory()] as const));
    const follower = await followTopic({
      kafka, logger, partitions, keepFollowing: false, topic: topicName('snapshots', topicPrefix),
      groupIdPrefix: `${topicPrefix}csms-processors-snapshot-loader`,
      onMessage: async (partition, message) => {
        const memory = memories.get(partition);
        if (memory === undefined || message.key === null) return;
        const value = message.value === null ? null : await serde.decode('snapshots', message.value);
        restoreSnapshot(memory, message.key.toString('utf8'), value);
      },
    });
    try {
      await follower.caughtUp;
    } finally {
      await follower.stop();
    }
    for (const memory of memories.values()) finishRestore(memory);
    logger.info({ partitions: [...partitions] }, 'snapshots loaded');
    return memories;
  };
}
