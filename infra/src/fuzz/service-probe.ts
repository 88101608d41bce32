// What the services say about themselves before, during and after a run: when their process
// started (`process_start_time_seconds` on /metrics, prom-client's default metrics) and
// whether /health is ok. A changed start time is a restart; so is a refused connection
// during the run (nothing listening: the process was gone). A service without /metrics (the
// api) can only show a restart through the second.
import { setTimeout as sleep } from 'node:timers/promises';
import { errorLabel, increment, type Counts } from './counts.ts';

export interface ServiceEndpoint {
  readonly name: string;
  /** e.g. http://127.0.0.1:4000 */
  readonly baseUrl: string;
}

export interface ServiceSnapshot {
  /** Seconds since the epoch; null without /metrics or without that metric. */
  readonly startTime: number | null;
  /** "ok", "status 503", "unreachable ECONNREFUSED", "unreachable timeout". */
  readonly health: string;
}

export interface ServiceVerdict {
  readonly name: string;
  readonly before: ServiceSnapshot;
  readonly after: ServiceSnapshot;
  /** /health during the run, by outcome. */
  readonly probes: Counts;
  /** How a restart showed, or null. */
  readonly restart: 'start time changed' | 'refused connections' | null;
}

const START_TIME = /^process_start_time_seconds(?:\{[^}]*\})?\s+(\S+)\s*$/m;

export function parseStartTime(metrics: string): number | null {
  const value = Number(START_TIME.exec(metrics)?.[1]);
  return Number.isFinite(value) ? value : null;
}

function unreachable(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'unreachable timeout';
  // fetch wraps the socket's error (ECONNREFUSED…) as its cause.
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  return `unreachable ${errorLabel(cause)}`;
}

export async function probeHealth(endpoint: ServiceEndpoint, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(`${endpoint.baseUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok ? 'ok' : `status ${response.status}`;
  } catch (error) {
    return unreachable(error);
  }
}

async function startTime(endpoint: ServiceEndpoint, timeoutMs: number): Promise<number | null> {
  try {
    const response = await fetch(`${endpoint.baseUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return response.ok ? parseStartTime(text) : null;
  } catch {
    return null;
  }
}

export async function snapshotService(endpoint: ServiceEndpoint, timeoutMs: number): Promise<ServiceSnapshot> {
  const [time, health] = await Promise.all([startTime(endpoint, timeoutMs), probeHealth(endpoint, timeoutMs)]);
  return { startTime: time, health };
}

export interface HealthWatch {
  /** Outcomes of the probes so far, by service name. */
  stop(): Promise<ReadonlyMap<string, Counts>>;
}

/** Probes every service's /health at a steady pace until stopped. */
export function watchHealth(endpoints: readonly ServiceEndpoint[], intervalMs: number, timeoutMs: number): HealthWatch {
  const outcomes = new Map<string, Counts>(endpoints.map((endpoint) => [endpoint.name, {}]));
  const stopping = new AbortController();
  const watching = (async () => {
    while (!stopping.signal.aborted) {
      const results = await Promise.all(endpoints.map((endpoint) => probeHealth(endpoint, timeoutMs)));
      endpoints.forEach((endpoint, i) => increment(outcomes.get(endpoint.name)!, results[i]!));
      await sleep(intervalMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await watching;
      return outcomes;
    },
  };
}

const REFUSED = 'unreachable ECONNREFUSED';

export function serviceVerdict(name: string, before: ServiceSnapshot, after: ServiceSnapshot, probes: Counts): ServiceVerdict {
  const timeChanged = before.startTime !== null && after.startTime !== null && before.startTime !== after.startTime;
  const refused = (probes[REFUSED] ?? 0) > 0 || after.health === REFUSED;
  return { name, before, after, probes, restart: timeChanged ? 'start time changed' : refused ? 'refused connections' : null };
}
