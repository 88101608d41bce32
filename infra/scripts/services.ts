// The CSMS services as child processes of `npm start` (and of the end-to-end tests).
import type { SpawnOptions } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answersOk, run, startProcess, waitFor, type Managed } from './stack/processes.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export type ServiceName = 'gateway' | 'processors' | 'projections' | 'api';

/** `npm run rebuild-projection -- all`, the command itself (node's flags included), for the harnesses that time or test it. */
export function rebuildAllProjections(options: SpawnOptions): Promise<void> {
  return run('npm', ['run', '--silent', 'rebuild-projection', '--', 'all'], { cwd: repoRoot, ...options });
}

/**
 * CSMS_CPU_PROF_DIR=<dir> runs each service under node's CPU profiler, which writes
 * <dir>/<label>/*.cpuprofile when the service exits (Ctrl-C on npm start); `npm run bench --
 * --profile <dir>` reads them. Off by default: the profiler costs CPU.
 */
export function profilerArgs(label: string, env: NodeJS.ProcessEnv): string[] {
  const dir = env.CSMS_CPU_PROF_DIR ?? process.env.CSMS_CPU_PROF_DIR;
  return dir === undefined || dir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${resolve(repoRoot, dir, label)}`];
}

/**
 * Compiles the services and what they import to <package>/dist (tsconfig.build.json). `tsc -b`
 * rebuilds only what changed, so a second start takes a second; a type error stops the caller,
 * after tsc's messages.
 */
/** The services' JavaScript (tsc) and the web console the api serves (vite). */
export async function buildServices(): Promise<void> {
  await run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], { cwd: repoRoot });
  await run(process.execPath, [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: join(repoRoot, 'console') });
}

export function startService(name: ServiceName, env: NodeJS.ProcessEnv, label: string = name, logFile: string | null = null): Managed {
  const profiler = profilerArgs(label, env);
  // node makes the folder only when it writes the profile; made now, it tells `bench --profile`
  // which services to wait for.
  if (profiler.length > 0) mkdirSync(profiler[1]!.slice('--cpu-prof-dir='.length), { recursive: true });
  // The compiled JavaScript, without tsx's loader: csms-dist makes @csms/* packages resolve to
  // their dist/ too (their package.json exports), and stack traces point into src/.
  const args = [...profiler, '--enable-source-maps', '--conditions=csms-dist', join(repoRoot, name, 'dist', 'main.js')];
  return startProcess(label, process.execPath, args, {
    cwd: repoRoot, env: { ...process.env, ...env }, logFile,
  });
}

export async function waitHealthy(service: Managed, url: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(`${service.name} at ${url}`, () => answersOk(url), service, timeoutMs);
}
