// Where a service's CPU time went during the benchmark's window, from the .cpuprofile that node
// writes under --cpu-prof: self time per function, busiest first. The profile's sample times are
// V8's monotonic clock, which on Linux is CLOCK_MONOTONIC, the clock of process.hrtime in the
// bench; so the bench can keep only the samples taken while its load ran, and leave out start-up.

/** The parts of V8's CPU profile format read here. */
export interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number } }[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface HotFunction {
  /** `name file:line`, paths shortened. */
  readonly name: string;
  readonly selfMs: number;
  /** Of the busy (not idle) time in the window. */
  readonly share: number;
}

export interface ProfileSummary {
  /** The window's length (the whole profile's when the window missed it). */
  readonly windowMs: number;
  /** CPU time not idle, every thread's added up. */
  readonly busyMs: number;
  /** False when the window and no profile overlap, and the whole profiles are summarized. */
  readonly windowed: boolean;
  readonly top: readonly HotFunction[];
}

/** Trims what every frame of a path shares: the file URL scheme, the repository, node_modules/. */
export function shortLocation(url: string, lineNumber: number, repoRoot: string): string {
  if (url === '') return '';
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('node_modules/');
  const short = inModules >= 0 ? path.slice(inModules + 'node_modules/'.length) : path.startsWith(repoRoot) ? path.slice(repoRoot.length) : path;
  return ` ${short}:${lineNumber + 1}`;
}

/** Each sample's time and the time it stands for (until the next sample, or the end). */
function sampleSpans(profile: CpuProfile): { node: number; at: number; us: number }[] {
  const spans: { node: number; at: number; us: number }[] = [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += profile.timeDeltas[i] ?? 0;
    const next = i + 1 < profile.samples.length ? at + (profile.timeDeltas[i + 1] ?? 0) : profile.endTime;
    spans.push({ node: profile.samples[i]!, at, us: Math.max(0, next - at) });
  }
  return spans;
}

/**
 * One service's profiles: node writes one per thread and process, so another when a service was
 * restarted; their self times add up.
 */
export function summarizeProfiles(profiles: readonly CpuProfile[], window: { startUs: number; endUs: number }, repoRoot: string, topN = 10): ProfileSummary {
  const selfUs = new Map<string, number>();
  let windowUs = 0;
  let windowed = false;
  for (const profile of profiles) {
    const names = new Map(profile.nodes.map((n) => [n.id, `${n.callFrame.functionName || '(anonymous)'}${shortLocation(n.callFrame.url, n.callFrame.lineNumber, repoRoot)}`]));
    const all = sampleSpans(profile);
    const inWindow = all.filter((s) => s.at >= window.startUs && s.at < window.endUs);
    windowed ||= inWindow.length > 0;
    const spans = inWindow.length > 0 ? inWindow : all;
    windowUs = Math.max(windowUs, spans.reduce((sum, s) => sum + s.us, 0));
    for (const span of spans) {
      const name = names.get(span.node) ?? '(unknown)';
      selfUs.set(name, (selfUs.get(name) ?? 0) + span.us);
    }
  }
  selfUs.delete('(idle)');
  const busyUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const top = [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, topN)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }));
  return { windowMs: windowUs / 1000, busyMs: busyUs / 1000, windowed, top };
}

/** Top functions per service, as printed after the benchmark's table. */
export function formatProfiles(profiles: Readonly<Record<string, ProfileSummary>>): string {
  const lines: string[] = [];
  for (const [service, summary] of Object.entries(profiles)) {
    const scope = summary.windowed ? 'during the load' : 'whole run: the load\'s window is not in this profile';
    lines.push(`${service}: busy ${(summary.busyMs / 1000).toFixed(1)} s of ${(summary.windowMs / 1000).toFixed(1)} s (${scope})`);
    for (const f of summary.top) lines.push(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}`);
  }
  return lines.length === 0 ? '' : `${['CPU, self time per function:', ...lines].join('\n')}\n`;
}
