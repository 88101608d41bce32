// The command-line side of a simulated station's credentials: `--cert`, `--key`, `--ca` are PEM
// file paths (as `npm run station-cert` writes them), read once into the texts the clients take.
import { readFileSync } from 'node:fs';
import type { StationTlsOptions } from './station-client.ts';

export interface StationTlsPaths {
  readonly cert?: string | undefined;
  readonly key?: string | undefined;
  readonly ca?: string | undefined;
}

/** Undefined when no path was given; throws naming the option whose file cannot be read. */
export function stationTlsFromFiles(paths: StationTlsPaths): StationTlsOptions | undefined {
  const read = (option: string, path: string | undefined): string | undefined => {
    if (path === undefined) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw new Error(`--${option}: cannot read ${path}`);
    }
  };
  if ((paths.cert === undefined) !== (paths.key === undefined)) throw new Error('--cert and --key go together');
  const tls = { ca: read('ca', paths.ca), cert: read('cert', paths.cert), key: read('key', paths.key) };
  const given = Object.fromEntries(Object.entries(tls).filter(([, v]) => v !== undefined)) as StationTlsOptions;
  return Object.keys(given).length === 0 ? undefined : given;
}

/** The Authorization header ocpp-rpc would send, for clients that speak ws directly (the benchmark). */
export function basicAuthorization(id: string, password: string): string {
  return `Basic ${Buffer.from(`${id}:${password}`, 'utf8').toString('base64')}`;
}
