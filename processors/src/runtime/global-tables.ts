// The compacted configuration topics as in-memory tables (id tags, registered charge
// points), kept current for as long as the processor runs.
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
  /** Resolves once both tables hold everything written before start-up. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export async function startGlobalTables(options: GlobalTablesOptions): Promise<GlobalTables> {
  const { kafka, serde, topicPrefix, logger, metrics } = options;
  const groupIdPrefix = `${topicPrefix}csms-processors-tables`;
  const common = (topic: string) => ({
    kafka, logger, groupIdPrefix, topic, onUndecodable: () => metrics.configRecordsSkipped.inc({ topic }),
  });
  // Both join their groups at once: each join is a broker round of its own.
  const [idTags, chargePoints] = await Promise.all([
    followCompactedTable({ ...common(topicName('idTags', topicPrefix)), decode: (bytes) => serde.decode('idTags', bytes) }),
    followCompactedTable({ ...common(topicName('chargePoints', topicPrefix)), decode: (bytes) => serde.decode('chargePoints', bytes) }),
  ]);
  return {
    tables: { idTags: idTags.values, chargePoints: chargePoints.values },
    ready: Promise.all([idTags.ready, chargePoints.ready]).then(() => undefined),
    stop: async () => { await Promise.all([idTags.stop(), chargePoints.stop()]); },
  };
}
