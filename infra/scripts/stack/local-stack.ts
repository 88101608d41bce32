// The Kafka broker and the schema registry as one unit, for `npm start`, `npm test` and CI.
import { join } from 'node:path';
import { fetchKafka, startKafka } from './kafka-broker.ts';
import { fetchRegistry, startRegistry } from './schema-registry.ts';
import type { Managed } from './processes.ts';
import { warmUpBroker } from './warm-up.ts';

export interface StackOptions {
  readonly dataDir: string;
  readonly kafkaPort: number;
  readonly registryPort: number;
  /** PostgreSQL server URL; the registry gets its own database `registryDatabase` on it. */
  readonly databaseUrl: string;
  readonly registryDatabase: string;
}

export interface LocalStack {
  readonly kafkaBrokers: string;
  readonly registryUrl: string;
  stop(): Promise<void>;
}

async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  await Promise.all([fetchKafka(), fetchRegistry()]);
  const registryDb = new URL(options.databaseUrl);
  registryDb.pathname = `/${options.registryDatabase}`;
  const started: Managed[] = [];
  try {
    console.log(`starting Kafka on 127.0.0.1:${options.kafkaPort} and the schema registry on 127.0.0.1:${options.registryPort}`);
    const results = await Promise.allSettled([
      startKafka({ port: options.kafkaPort, controllerPort: options.kafkaPort + 1, dataDir: join(options.dataDir, 'kafka'),
        logFile: join(options.dataDir, 'kafka.log') }),
      startRegistry({ port: options.registryPort, databaseUrl: registryDb.toString(),
        logFile: join(options.dataDir, 'registry.log') }),
    ]);
    for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [kafka, registry] = started as [Managed, Managed];
    await warmUpBroker(`127.0.0.1:${options.kafkaPort}`);
    return {
      kafkaBrokers: `127.0.0.1:${options.kafkaPort}`,
      registryUrl: `http://127.0.0.1:${options.registryPort}/apis/ccompat/v7`,
      async stop() {
        await registry.stop();
        await kafka.stop('SIGTERM', 30_000);
      },
    };
  } catch (error) {
    await Promise.all(started.map((m) => m.stop('SIGKILL')));
    throw error;
  }
}

/**
 * The cluster that KAFKA_BROKERS and SCHEMA_REGISTRY_URL name, when set (stopping it is not
 * ours to do), or else a local stack started for this run.
 */
export async function externalOrLocalStack(options: StackOptions): Promise<LocalStack> {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  if (!kafkaBrokers) return startLocalStack(options);
  const registryUrl = process.env.SCHEMA_REGISTRY_URL;
  if (!registryUrl) throw new Error('KAFKA_BROKERS is set, so SCHEMA_REGISTRY_URL must name its schema registry too');
  return { kafkaBrokers, registryUrl, stop: async () => undefined };
}
