// A local Prometheus for `npm start` (CSMS_PROMETHEUS_PORT), so the dashboards and alert rules of
// infra/observability work on one machine: the binary of Debian's `prometheus` package (or
// PROMETHEUS_BIN), with the committed prometheus.yml pointed at the ports this start uses.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answersOk, readyOrKilled, startProcess, type Managed } from './processes.ts';

export const observabilityDir = new URL('../../observability/', import.meta.url).pathname;

/** The ports the committed prometheus.yml scrapes, by the services' defaults. */
export interface ScrapePorts {
  readonly gateway: number;
  readonly processors: number;
  readonly projections: number;
  readonly api: number;
}

const DEFAULT_PORTS: ScrapePorts = { gateway: 4005, processors: 4002, projections: 4003, api: 4004 };

/** PROMETHEUS_BIN, else `prometheus` on the PATH; null when there is none. */
export function findPrometheus(env: NodeJS.ProcessEnv): string | null {
  if (env.PROMETHEUS_BIN) return env.PROMETHEUS_BIN;
  const found = spawnSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** The committed configuration with this start's ports and an absolute path to the rules. */
export function localConfig(committed: string, ports: ScrapePorts, rulesFile: string): string {
  let config = committed.replace(/^ {2}- alerts\.yml$/m, `  - ${JSON.stringify(rulesFile)}`);
  for (const service of Object.keys(DEFAULT_PORTS) as (keyof ScrapePorts)[]) {
    config = config.replace(`'127.0.0.1:${DEFAULT_PORTS[service]}'`, `'127.0.0.1:${ports[service]}'`);
  }
  return config;
}

export interface PrometheusOptions {
  readonly binary: string;
  readonly port: number;
  readonly dataDir: string;
  readonly scrape: ScrapePorts;
}

export async function startPrometheus({ binary, port, dataDir, scrape }: PrometheusOptions): Promise<Managed> {
  mkdirSync(join(dataDir, 'data'), { recursive: true });
  const configFile = join(dataDir, 'prometheus.yml');
  const committed = readFileSync(join(observabilityDir, 'prometheus', 'prometheus.yml'), 'utf8');
  writeFileSync(configFile, localConfig(committed, scrape, join(observabilityDir, 'prometheus', 'alerts.yml')));
  const prometheus = startProcess('prometheus', binary, [
    `--config.file=${configFile}`, `--storage.tsdb.path=${join(dataDir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`,
  ], { logFile: join(dataDir, 'prometheus.log') });
  return readyOrKilled(prometheus, 'Prometheus', () => answersOk(`http://127.0.0.1:${port}/-/ready`), 60_000);
}
