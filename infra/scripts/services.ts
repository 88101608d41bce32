// The CSMS services as child processes of `npm start` (and of the end-to-end tests).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, waitFor, type Managed } from './stack/processes.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export type ServiceName = 'gateway' | 'processors' | 'projections' | 'api';

export function startService(name: ServiceName, env: NodeJS.ProcessEnv, label: string = name, logFile: string | null = null): Managed {
  return startProcess(label, process.execPath, ['--import', 'tsx', join(repoRoot, name, 'src', 'main.ts')], {
    cwd: repoRoot, env: { ...process.env, ...env }, logFile,
  });
}

export async function waitHealthy(service: Managed, url: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(`${service.name} at ${url}`, async () => (await fetch(url)).ok, service, timeoutMs);
}
