// The whole CSMS as separate processes on a unique topic prefix and a fresh database, for
// end-to-end tests that drive it through real WebSockets and its REST API.
import { execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { TestEnvironment } from '../src/test-env.ts';
import type { Managed } from '../scripts/stack/processes.ts';
import { buildServices, rebuildAllProjections, repoRoot, startService, waitHealthy, type ServiceName } from '../scripts/services.ts';

export interface RunningSystem {
  /** The OCPP endpoint of gateway node 0. */
  readonly ocppUrl: string;
  readonly apiUrl: string;
  readonly logDir: string;
  /** The OCPP endpoint of gateway node `node`. */
  ocppUrlOf(node: number): string;
  /** Where a service serves /health (and /metrics, but for the api; the gateway's ops port), e.g. http://127.0.0.1:24102. */
  serviceUrlOf(name: ServiceName, node?: number): string;
  /** The running services' processes by label (gateway-0, processors, …), for tests that must see none die. */
  processes(): ReadonlyMap<string, ChildProcess>;
  /**
   * Starts a service (for the gateway: node `node`, default 0), with `extraEnv` on top of the
   * system's, and waits until it is healthy.
   */
  start(name: ServiceName, node?: number, extraEnv?: NodeJS.ProcessEnv): Promise<void>;
  /** kill -9, as a crash would. */
  kill(name: ServiceName, node?: number): Promise<void>;
  stop(name: ServiceName, node?: number): Promise<void>;
  rebuildProjections(): Promise<void>;
  /** Runs a command-line script of the repository (e.g. infra/scripts/rerate.ts) against this system; its exit code and output. */
  runScript(path: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  dumpReadModels(): Promise<Record<string, unknown[]>>;
  shutdown(): Promise<void>;
}

/** Every table the projections own: all but the bookkeeping of migrations and offsets. */
const readModelTables = `SELECT table_name FROM information_schema.tables
  WHERE table_schema = 'public' AND table_name NOT IN ('schema_migrations', 'projection_offsets') ORDER BY table_name`;

/** The api's admin key in every end-to-end system (CSMS_ADMIN_API_KEY); api() sends it. */
export const E2E_ADMIN_API_KEY = 'e2e-admin-key-0123456789abcdefghijklmnopqrstuv';

export interface SystemOptions {
  /** Gateway nodes to run, ordinals 0..n-1, each its own process and port. */
  readonly gatewayNodes?: number;
}

export async function startSystem(env: TestEnvironment, basePort: number, options: SystemOptions = {}): Promise<RunningSystem> {
  // The services run from dist/: rebuilt here too, so a test file run on its own never meets stale code.
  await buildServices();
  const logDir = mkdtempSync(join(tmpdir(), 'csms-e2e-'));
  const ports = { gateway: basePort, api: basePort + 1, processors: basePort + 2, projections: basePort + 3, apiMetrics: basePort + 4 };
  // Further gateway nodes above every other port; each node's ops port (/health, /connections, /metrics) halfway up the range.
  const gatewayPort = (node: number) => (node === 0 ? ports.gateway : ports.apiMetrics + node);
  const gatewayOpsPort = (node: number) => basePort + 50 + node;
  const serviceEnv = {
    KAFKA_BROKERS: env.kafkaBrokers.join(','), SCHEMA_REGISTRY_URL: env.registryUrl, DATABASE_URL: env.databaseUrl,
    CSMS_TOPIC_PREFIX: env.topicPrefix, CSMS_GATEWAY_PORT: String(ports.gateway), CSMS_API_PORT: String(ports.api),
    CSMS_PROCESSOR_METRICS_PORT: String(ports.processors), CSMS_PROJECTIONS_METRICS_PORT: String(ports.projections),
    CSMS_API_METRICS_PORT: String(ports.apiMetrics),
    CSMS_UNKNOWN_STATION_POLICY: 'accept', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', CSMS_ADMIN_API_KEY: E2E_ADMIN_API_KEY,
    CSMS_SECRETS_KEY: randomBytes(32).toString('base64'),
  };
  const running = new Map<string, Managed>();
  const label = (name: ServiceName, node: number) => (name === 'gateway' ? `gateway-${node}` : name);
  const serviceUrlOf = (name: ServiceName, node = 0): string => {
    const port = { gateway: gatewayOpsPort(node), api: ports.api, processors: ports.processors, projections: ports.projections }[name];
    return `http://127.0.0.1:${port}`;
  };
  let generation = 0;
  const system: RunningSystem = {
    ocppUrl: `ws://127.0.0.1:${ports.gateway}/ocpp`,
    apiUrl: `http://127.0.0.1:${ports.api}`,
    logDir,
    ocppUrlOf: (node) => `ws://127.0.0.1:${gatewayPort(node)}/ocpp`,
    serviceUrlOf,
    processes: () => new Map([...running].map(([name, service]) => [name, service.child])),
    async start(name, node = 0, extraEnv = {}) {
      generation += 1;
      const base = name === 'gateway' ? {
        ...serviceEnv, CSMS_GATEWAY_NODE: String(node), CSMS_GATEWAY_PORT: String(gatewayPort(node)), CSMS_GATEWAY_OPS_PORT: String(gatewayOpsPort(node)),
      } : serviceEnv;
      const env = { ...base, ...extraEnv };
      const logFile = join(logDir, `${label(name, node)}-${generation}.log`);
      const service = startService(name, env, label(name, node), logFile);
      running.set(label(name, node), service);
      try {
        await waitHealthy(service, `${serviceUrlOf(name, node)}/health`, 90_000);
      } catch (error) {
        // What the service said, and what its /health says, where a CI log shows them.
        const health = await fetch(`${serviceUrlOf(name, node)}/health`, { signal: AbortSignal.timeout(2_000) })
          .then(async (response) => `${response.status} ${await response.text()}`, (reason: unknown) => String(reason));
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
        throw new Error(`${(error as Error).message}\n/health: ${health}\nthe end of ${logFile}:\n${tail}`, { cause: error });
      }
    },
    async kill(name, node = 0) { await running.get(label(name, node))?.stop('SIGKILL'); running.delete(label(name, node)); },
    async stop(name, node = 0) { await running.get(label(name, node))?.stop(); running.delete(label(name, node)); },
    async rebuildProjections() {
      await rebuildAllProjections({ env: { ...process.env, ...serviceEnv }, stdio: 'ignore' });
    },
    runScript(path, args) {
      return new Promise((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', join(repoRoot, path), ...args], { cwd: repoRoot, env: { ...process.env, ...serviceEnv } },
          (error, stdout, stderr) => (error !== null && typeof error.code !== 'number' ? reject(error) : resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr })));
      });
    },
    async dumpReadModels() {
      const client = new pg.Client({ connectionString: env.databaseUrl });
      await client.connect();
      try {
        const dump: Record<string, unknown[]> = {};
        const { rows: tables } = await client.query<{ table_name: string }>(readModelTables);
        for (const { table_name: table } of tables) dump[table] = (await client.query(`SELECT * FROM ${table} t ORDER BY t::text`)).rows;
        return dump;
      } finally {
        await client.end();
      }
    },
    async shutdown() {
      await Promise.all([...running.values()].map((service) => service.stop()));
      running.clear();
    },
  };
  // All at once, as a cluster's orchestrator starts them: each waits for what it needs by itself.
  const gateways = Array.from({ length: options.gatewayNodes ?? 1 }, (_, node) => system.start('gateway', node));
  const started = await Promise.allSettled([system.start('processors'), system.start('projections'), system.start('api'), ...gateways]);
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed !== undefined) {
    // The caller gets no system to shut down: what did start must not outlive the test file
    // (its output pipes would keep the file's process, and the whole run, waiting).
    await system.shutdown();
    throw failed.reason;
  }
  return system;
}

/** Polls until `check` returns a value (not undefined), or fails with the last one seen. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(200);
  }
  throw new Error(`${what}: not so after ${timeoutMs / 1000}s${lastError ? ` (${String(lastError)})` : ''}`);
}

/**
 * Until the API shows the station connected with `protocol`. The API picks a command's OCPP
 * version from that read model, so a command sent before it shows a new connection may be checked
 * against the wrong version.
 */
export async function untilShownConnected(system: RunningSystem, id: string, protocol: 'ocpp1.6' | 'ocpp2.0.1'): Promise<void> {
  await eventually(`${id} shown connected with ${protocol}`, async () => {
    const { body } = await api<{ connected: boolean; protocol: string }>(system, 'GET', `/connections/${id}`);
    return body?.connected && body.protocol === protocol ? true : undefined;
  });
}

/** A REST call as the admin, or with `token` (null: no Authorization header at all). */
export async function api<T>(
  system: RunningSystem, method: string, path: string, body?: object, token: string | null = E2E_ADMIN_API_KEY,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  if (body) headers['content-type'] = 'application/json';
  const response = await fetch(system.apiUrl + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
