// A whole processor: the configuration tables, caught up before the first inbound record
// is decided, and the runtime over ocpp.inbound and csms.command-requests.
import type { Kafka } from 'kafkajs';
import type { Serde } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { ProcessorSettings } from '../deciders/context.ts';
import { startGlobalTables } from './global-tables.ts';
import type { ProcessorMetrics } from './metrics.ts';
import { startProcessorRuntime } from './processor-runtime.ts';
import type { RuntimeHealth } from './batch-watch.ts';

export interface ProcessorOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  /**
   * Names this instance in its logs. Not part of any transactional id: those belong to the
   * inbound partitions (partition-producers.ts), so any instance can take any partition over.
   */
  readonly instanceId: string;
  readonly settings: ProcessorSettings;
  readonly logger: Logger;
  readonly metrics: ProcessorMetrics;
  /** See ProcessorRuntimeOptions.stallMs. */
  readonly stallMs?: number;
  /** See BatchTransactionOptions.beforeCommit. */
  readonly beforeCommit?: (partition: number) => Promise<void>;
}

export interface Processor {
  health(): RuntimeHealth;
  stop(): Promise<void>;
}

export async function startProcessor(options: ProcessorOptions): Promise<Processor> {
  const { kafka, serde, topicPrefix } = options;
  const logger = options.logger.child({ instanceId: options.instanceId });
  const tables = await startGlobalTables({ kafka, serde, topicPrefix, logger: logger.child({ component: 'tables' }), metrics: options.metrics });
  try {
    await tables.ready;
    logger.info('configuration tables caught up');
    const runtime = await startProcessorRuntime({ ...options, logger, tables: tables.tables });
    return {
      health: () => runtime.health(),
      async stop() {
        // Side by side: the runtime's last batch reads the tables as they are, and each
        // consumer's leaving may wait out a fetch in flight.
        await Promise.all([runtime.stop(), tables.stop()]);
      },
    };
  } catch (error) {
    await tables.stop();
    throw error;
  }
}
