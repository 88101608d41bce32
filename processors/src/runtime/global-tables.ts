// The compacted configuration topics as in-memory tables (id tags, registered charge
// points, tariffs and their assignments), kept current for as long as the processor runs.
import type { Kafka } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import { followCompactedTable, type Logger } from '@csms/infra';
import type { Tables } from '../deciders/context.ts';
import type { ProcessorMetrics } from './metrics.ts';

export interface GlobalTablesOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly logger: Logger;
  readonly metrics: Pick<ProcessorMetrics, 'configRecordsSkipped'>;
}

export interface GlobalTables {
  readonly tables: Tables;
  /** Resolves once every table holds everything written before start-up. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export async function startGlobalTables(options: GlobalTablesOptions): Promise<GlobalTables> {
  const { kafka, serde, topicPrefix, logger, metrics } = options;
  const groupIdPrefix = `${topicPrefix}csms-processors-tables`;
  const common = (topic: string) => ({
    kafka, logger, groupIdPrefix, topic, onUndecodable: () => metrics.configRecordsSkipped.inc({ topic }),
  });
  // All join their groups at once: each join is a broker round of its own.
  const [idTags, chargePoints, tariffs, tariffAssignments] = await Promise.all([
    followCompactedTable({ ...common(topicName('idTags', topicPrefix)), decode: (bytes) => serde.decode('idTags', bytes) }),
    followCompactedTable({ ...common(topicName('chargePoints', topicPrefix)), decode: (bytes) => serde.decode('chargePoints', bytes) }),
    followCompactedTable({ ...common(topicName('tariffs', topicPrefix)), decode: (bytes) => serde.decode('tariffs', bytes) }),
    followCompactedTable({
      ...common(topicName('tariffAssignments', topicPrefix)), decode: (bytes) => serde.decode('tariffAssignments', bytes),
    }),
  ]);
  const followed = [idTags, chargePoints, tariffs, tariffAssignments];
  return {
    tables: { idTags: idTags.values, chargePoints: chargePoints.values, tariffs: tariffs.values, tariffAssignments: tariffAssignments.values },
    ready: Promise.all(followed.map((table) => table.ready)).then(() => undefined),
    stop: async () => { await Promise.all(followed.map((table) => table.stop())); },
  };
}
