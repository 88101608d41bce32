// Collects the CPU profiles the services write under CSMS_CPU_PROF_DIR (infra/scripts/services.ts)
// when they stop. A service writes its profile only on exit, so after its load the bench waits for
// one per service folder newer than its own start, while the operator stops the services.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './cpu-profile.ts';

export interface ProfileWait {
  readonly dir: string;
  /** Profiles older than this (ms since the epoch) are from earlier runs. */
  readonly since: number;
  /** The load's window on the monotonic clock, microseconds. */
  readonly window: { readonly startUs: number; readonly endUs: number };
  readonly repoRoot: string;
  readonly timeoutMs: number;
}

/** The newest .cpuprofile of each service folder that is newer than `since`. */
async function newestProfiles(dir: string, since: number): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const services = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const service of services.filter((d) => d.isDirectory())) {
    const folder = join(dir, service.name);
    let newest: { path: string; mtime: number } | null = null;
    for (const file of (await readdir(folder)).filter((f) => f.endsWith('.cpuprofile'))) {
      const { mtimeMs } = await stat(join(folder, file));
      if (mtimeMs >= since && (newest === null || mtimeMs > newest.mtime)) newest = { path: join(folder, file), mtime: mtimeMs };
    }
    if (newest !== null) found.set(service.name, newest.path);
  }
  return found;
}

/**
 * Waits until every service folder (the launcher makes one per service) has a new profile, or,
 * when folders of services not running now linger, until none has come for `quietMs`.
 */
export async function collectProfiles(options: ProfileWait, quietMs = 20_000): Promise<Record<string, ProfileSummary>> {
  const deadline = Date.now() + options.timeoutMs;
  let found = await newestProfiles(options.dir, options.since);
  let lastChange = Date.now();
  for (;;) {
    const folders = (await readdir(options.dir, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).length;
    const quiet = found.size > 0 && Date.now() - lastChange > quietMs;
    if ((folders > 0 && found.size === folders) || quiet || Date.now() > deadline) break;
    await sleep(1000);
    const next = await newestProfiles(options.dir, options.since);
    if (next.size !== found.size) lastChange = Date.now();
    found = next;
  }
  const summaries: Record<string, ProfileSummary> = {};
  for (const [service, path] of [...found].sort()) {
    const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
    summaries[service] = summarizeProfile(profile, options.window, options.repoRoot);
  }
  return summaries;
}
