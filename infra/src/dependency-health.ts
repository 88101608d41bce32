// What a service cannot reach, for its /health: each dependency (Kafka, the schema registry,
// PostgreSQL) is probed in the background every few seconds with a short timeout, and /health
// reads the last results, so it answers at once even while a dependency hangs, and says by name
// what is unreachable instead of a bare "degraded".
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { repeatUnref, type RepeatUnref } from './repeat.ts';

export type DependencyName = 'kafka' | 'schema-registry' | 'postgres';
export type DependencyState = 'up' | 'down' | 'unknown';

export interface DependencyProbe {
  readonly name: DependencyName;
  /** Resolves when the dependency answered; rejects (or hangs past the timeout) when it did not. */
  check(): Promise<void>;
  close?(): Promise<void>;
}

export interface DependencyHealth {
  /** The dependencies whose last probe failed, by name. */
  unreachable(): DependencyName[];
  /** Every dependency's last known state ('unknown' until its first probe ends). */
  states(): Partial<Record<DependencyName, DependencyState>>;
  stop(): Promise<void>;
}

export interface DependencyHealthOptions {
  readonly everyMs?: number;
  readonly timeoutMs?: number;
  /** Runs the probes now and then every `everyMs`; setInterval unless a test drives them. */
  readonly repeat?: RepeatUnref;
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function watchDependencies(probes: readonly DependencyProbe[], options: DependencyHealthOptions = {}): DependencyHealth {
  const { everyMs = 5_000, timeoutMs = 3_000, repeat = repeatUnref } = options;
  const states = new Map<DependencyName, DependencyState>(probes.map((probe) => [probe.name, 'unknown']));
  const inFlight = new Set<DependencyName>();
  const probeAll = (): void => {
    for (const probe of probes) {
      // One probe of each at a time: a hanging dependency does not pile up checks.
      if (inFlight.has(probe.name)) continue;
      inFlight.add(probe.name);
      within(timeoutMs, probe.check()).then(
        () => states.set(probe.name, 'up'),
        () => states.set(probe.name, 'down'),
      ).finally(() => inFlight.delete(probe.name));
    }
  };
  probeAll();
  const stopRepeating = repeat(probeAll, everyMs);
  return {
    unreachable: () => [...states].filter(([, state]) => state === 'down').map(([name]) => name),
    states: () => Object.fromEntries(states),
    async stop() {
      stopRepeating();
      await Promise.allSettled(probes.map((probe) => probe.close?.()));
    },
  };
}

/**
 * Kafka answers when its cluster metadata can be read. A client of its own, without kafkajs's
 * retries (which would stretch one probe over many seconds), replaced after a failure so that
 * no stale connection outlives a broker restart.
 */
export function kafkaProbe(brokers: readonly string[], clientId: string): DependencyProbe {
  const kafka = new Kafka({
    brokers: [...brokers], clientId: `${clientId}-health`, logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000, requestTimeout: 2_000, retry: { retries: 0 },
  });
  let admin: Admin | null = null;
  const drop = async (): Promise<void> => {
    const stale = admin;
    admin = null;
    await stale?.disconnect().catch(() => undefined);
  };
  return {
    name: 'kafka',
    async check() {
      try {
        if (admin === null) {
          admin = kafka.admin({ retry: { retries: 0 } });
          await admin.connect();
        }
        const { brokers: found } = await admin.describeCluster();
        if (found.length === 0) throw new Error('no broker in the cluster metadata');
      } catch (error) {
        await drop();
        throw error;
      }
    },
    close: drop,
  };
}

/**
 * The registry answers when it reads its global compatibility level (GET /config), an answer
 * of the same size however many schemas it holds. Not GET /subjects: that lists every subject,
 * and once a registry holds a few thousand (measured: 4 s for 3,000 on Apicurio) every
 * service would call it unreachable while it serves them well.
 */
export function registryProbe(registryUrl: string, timeoutMs = 3_000): DependencyProbe {
  return {
    name: 'schema-registry',
    async check() {
      const response = await fetch(`${registryUrl.replace(/\/$/, '')}/config`, { signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    },
  };
}

/** PostgreSQL answers when the service's own pool runs a query. */
export function postgresProbe(pool: Pool): DependencyProbe {
  return { name: 'postgres', check: async () => { await pool.query('SELECT 1'); } };
}
