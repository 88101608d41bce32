// Collects the CPU profiles the services write under CSMS_CPU_PROF_DIR (infra/scripts/services.ts)
// when they stop. A service writes its profile only on exit, so after its load the bench waits for
// those of every service folder newer than its own start, while the operator stops the services.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarizeProfiles, type CpuProfile, type ProfileSummary } from './cpu-profile.ts';

export interface ProfileWait {
  readonly dir: string;
  /** Profiles older than this (ms since the epoch) are from earlier runs. */
  readonly since: number;
  /** The load's window on the monotonic clock, microseconds. */
  readonly window: { readonly startUs: number; readonly endUs: number };
  readonly repoRoot: string;
  readonly timeoutMs: number;
}

/** Per service folder, its .cpuprofile files newer than `since` (one per thread and process). */
async function profilesSince(dir: string, since: number): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const services = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const service of services.filter((d) => d.isDirectory())) {
    const folder = join(dir, service.name);
    const files = (await readdir(folder)).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(folder, f));
    const fresh: string[] = [];
    for (const file of files) if ((await stat(file)).mtimeMs >= since) fresh.push(file);
    if (fresh.length > 0) found.set(service.name, fresh.sort());
  }
  return found;
}

/**
 * Waits until every service folder (the launcher makes one per service) has a new profile, or,
 * when folders of services not running now linger, until none has come for `quietMs`.
 */
export async function collectProfiles(options: ProfileWait, quietMs = 20_000): Promise<Record<string, ProfileSummary>> {
  const deadline = Date.now() + options.timeoutMs;
  const fileCount = (found: Map<string, string[]>) => [...found.values()].reduce((n, files) => n + files.length, 0);
  let found = await profilesSince(options.dir, options.since);
  let lastChange = Date.now();
  for (;;) {
    await sleep(1000);
    const next = await profilesSince(options.dir, options.since);
    // A process writes one profile per thread as it exits: wait for a poll that adds none.
    const settled = fileCount(next) === fileCount(found);
    if (!settled) lastChange = Date.now();
    found = next;
    const folders = (await readdir(options.dir, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).length;
    const everyService = folders > 0 && found.size === folders && settled;
    const quiet = found.size > 0 && Date.now() - lastChange > quietMs;
    if (everyService || quiet || Date.now() > deadline) break;
  }
  const summaries: Record<string, ProfileSummary> = {};
  for (const [service, paths] of [...found].sort()) {
    const profiles = await Promise.all(paths.map(async (path) => JSON.parse(await readFile(path, 'utf8')) as CpuProfile));
    summaries[service] = summarizeProfiles(profiles, options.window, options.repoRoot);
  }
  return summaries;
}
