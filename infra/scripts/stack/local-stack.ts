// The Kafka broker and the schema registry as one supervised unit, for `npm start`, `npm test`
// and CI: either of them that dies is started again, and the services wait for both.
import { join } from 'node:path';
import { fetchKafka, startKafka, type KafkaBrokerOptions } from './kafka-broker.ts';
import { fetchRegistry, startRegistry } from './schema-registry.ts';
import { supervise, type Supervised } from './supervisor.ts';
import { warmUpBroker } from './warm-up.ts';

export interface StackOptions {
  readonly dataDir: string;
  readonly kafkaPort: number;
  readonly registryPort: number;
  /** PostgreSQL server URL; the registry gets its own database `registryDatabase` on it. */
  readonly databaseUrl: string;
  readonly registryDatabase: string;
  /** Told when the broker or the registry keeps dying and is no longer restarted. */
  readonly onGiveUp?: (reason: string) => void;
}

export interface LocalStack {
  readonly kafkaBrokers: string;
  readonly registryUrl: string;
  /** Resolves once the broker and the registry both run (at once when they do). */
  up(): Promise<void>;
  /** Whether either was down at any time in the last `ms` (never, for a cluster that is not ours). */
  downWithin(ms: number): boolean;
  stop(): Promise<void>;
}

/** Tracks which parts are down, so that others can wait for all of them to be up. */
function outages() {
  const down = new Set<string>();
  /** When the last outage ended: a service may still be dying of it for a while after. */
  let lastOutageEndedAt = Number.NEGATIVE_INFINITY;
  let waiters: (() => void)[] = [];
  return {
    down(name: string) { down.add(name); },
    up(name: string) {
      down.delete(name);
      if (down.size > 0) return;
      lastOutageEndedAt = Date.now();
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    },
    whenUp: () => (down.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    downWithin: (ms: number) => down.size > 0 || Date.now() - lastOutageEndedAt < ms,
  };
}

interface SuperviseHooks {
  readonly onDown?: () => void;
  readonly onRestarted?: () => void;
  readonly onGiveUp: (reason: string) => void;
  /** Waited for before each restart (a test holds the broker down at a gate of its own). */
  readonly beforeRestart?: () => Promise<void>;
}

/**
 * A broker kept running: restarted after a crash from the same data directory, and counted up
 * only once its group and transaction coordinators answer again.
 */
export function superviseBroker(options: KafkaBrokerOptions & SuperviseHooks): Promise<Supervised> {
  const { onDown, onRestarted, onGiveUp, beforeRestart, ...broker } = options;
  return supervise({
    name: 'kafka',
    start: async () => {
      const process = await startKafka(broker);
      await warmUpBroker(`127.0.0.1:${broker.port}`).catch(async (error: unknown) => { await process.stop('SIGKILL'); throw error; });
      return process;
    },
    onDown, onRestarted, onGiveUp, beforeRestart,
  });
}

async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  await Promise.all([fetchKafka(), fetchRegistry()]);
  const registryDb = new URL(options.databaseUrl);
  registryDb.pathname = `/${options.registryDatabase}`;
  const state = outages();
  const hooks = (name: string): SuperviseHooks => ({
    onDown: () => state.down(name),
    onRestarted: () => state.up(name),
    onGiveUp: options.onGiveUp ?? ((reason) => console.error(reason)),
  });
  console.log(`starting Kafka on 127.0.0.1:${options.kafkaPort} and the schema registry on 127.0.0.1:${options.registryPort}`);
  const results = await Promise.allSettled([
    superviseBroker({ port: options.kafkaPort, controllerPort: options.kafkaPort + 1, dataDir: join(options.dataDir, 'kafka'),
      logFile: join(options.dataDir, 'kafka.log'), ...hooks('kafka') }),
    supervise({ name: 'registry', ...hooks('registry'),
      start: () => startRegistry({ port: options.registryPort, databaseUrl: registryDb.toString(), logFile: join(options.dataDir, 'registry.log') }) }),
  ]);
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((part) => part.stop('SIGKILL')));
    throw failed.reason;
  }
  const [kafka, registry] = started as [Supervised, Supervised];
  return {
    kafkaBrokers: `127.0.0.1:${options.kafkaPort}`,
    registryUrl: `http://127.0.0.1:${options.registryPort}/apis/ccompat/v7`,
    up: state.whenUp,
    downWithin: state.downWithin,
    async stop() {
      await registry.stop();
      await kafka.stop('SIGTERM', 30_000);
    },
  };
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
  return { kafkaBrokers, registryUrl, up: async () => undefined, downWithin: () => false, stop: async () => undefined };
}
