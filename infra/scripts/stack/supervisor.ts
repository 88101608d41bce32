// Keeps a process running, as an orchestrator would: when it dies it is started again after
// the restart policy's delay, until it has died too often, when `onGiveUp` is told. Used by
// `npm start` for the broker, the schema registry and the services alike.
import type { Managed } from './processes.ts';
import { afterDeath, defaultRestartPolicy, type RestartPolicy } from './restart-policy.ts';

export interface SuperviseOptions {
  readonly name: string;
  /** Starts the process and resolves once it is ready; a failed start counts as a death. */
  readonly start: () => Promise<Managed>;
  readonly policy?: RestartPolicy;
  /** Waited for before each restart (the services wait for the broker and the registry). */
  readonly beforeRestart?: () => Promise<void>;
  /** True when a death is not the process's own fault (it lost what it needs) and must not count towards giving up. */
  readonly excused?: () => boolean;
  /** Told when the process died, before it is started again. */
  readonly onDown?: () => void;
  /** Told when a restarted process is ready again. */
  readonly onRestarted?: (process: Managed) => void;
  readonly onGiveUp: (reason: string) => void;
  readonly log?: (line: string) => void;
}

export interface Supervised {
  readonly name: string;
  /** The running process; null between a death and its restart. */
  current(): Managed | null;
  /** Stops it and restarts nothing more. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

function exitOf(process: Managed): string {
  const { exitCode, signalCode } = process.child;
  return signalCode !== null ? `signal ${signalCode}` : `code ${exitCode}`;
}

/** Starts the process (a failed first start rejects) and supervises it from then on. */
export async function supervise(options: SuperviseOptions): Promise<Supervised> {
  const policy = options.policy ?? defaultRestartPolicy;
  const log = options.log ?? ((line: string) => console.error(line));
  let running: Managed | null = null;
  let stopped = false;
  let deaths: readonly number[] = [];
  let pendingRestart: NodeJS.Timeout | null = null;

  const died = (reason: string): void => {
    running = null;
    if (stopped) return;
    options.onDown?.();
    const excused = options.excused?.() ?? false;
    const decision = excused ? { action: 'restart' as const, delayMs: policy.initialDelayMs, deaths } : afterDeath(policy, deaths, Date.now());
    deaths = decision.deaths;
    if (decision.action === 'give-up') {
      log(`${options.name} ${reason}; it died ${deaths.length} times within ${policy.windowMs / 1000}s, giving up`);
      options.onGiveUp(`${options.name} keeps dying (${reason})`);
      return;
    }
    log(`${options.name} ${reason}; restarting it in ${decision.delayMs / 1000}s${excused ? ' (not counted: what it needs was down)' : ''}`);
    pendingRestart = setTimeout(() => { pendingRestart = null; void restart(); }, decision.delayMs);
  };

  const watch = (process: Managed): void => {
    running = process;
    // A process that died while `start` was still readying it (a broker's warm-up) has no exit left to hear.
    if (process.child.exitCode !== null || process.child.signalCode !== null) died(`exited with ${exitOf(process)}`);
    else process.child.once('exit', () => died(`exited with ${exitOf(process)}`));
  };

  const restart = async (): Promise<void> => {
    try {
      await options.beforeRestart?.();
      if (stopped) return;
      const process = await options.start();
      if (stopped) { await process.stop(); return; }
      watch(process);
      log(`${options.name} is running again`);
      options.onRestarted?.(process);
    } catch (error) {
      died(`did not start: ${(error as Error).message}`);
    }
  };

  watch(await options.start());
  return {
    name: options.name,
    current: () => running,
    async stop(signal, graceMs) {
      stopped = true;
      if (pendingRestart !== null) clearTimeout(pendingRestart);
      await running?.stop(signal, graceMs);
    },
  };
}
