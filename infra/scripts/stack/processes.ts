// Spawning long-running child processes and waiting for them to be ready.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { lineFormat, type LineFormat } from './log-lines.ts';

export interface Managed {
  readonly name: string;
  readonly child: ChildProcess;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** Starts a process whose output goes to `logFile` (or is prefixed onto ours when null). */
export function startProcess(name: string, command: string, args: string[], options: SpawnOptions & { logFile?: string | null }): Managed {
  const { logFile, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
  } else {
    prefixLines(name, child.stdout!, process.stdout, lineFormat(process.stdout.isTTY === true));
    prefixLines(name, child.stderr!, process.stderr, lineFormat(process.stderr.isTTY === true));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    async stop(signal = 'SIGTERM', graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Each whole line of the child's output onto ours, formatted, every line of it prefixed with the name. */
function prefixLines(name: string, from: Readable, to: Writable, format: LineFormat): void {
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    if (line !== '') to.write(`${format(line).replace(/^/gm, `[${name}] `)}\n`);
  });
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Whether `url` answers 2xx. Each look is bounded: a process that accepts and never answers
 * must not hold a readiness wait past its own deadline.
 */
export async function answersOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  await response.body?.cancel();
  return response.ok;
}

/** Polls `check` until it is true; fails when the process dies (an exit code or a signal) or time runs out. */
export async function waitFor(what: string, check: () => Promise<boolean>, managed: Managed | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exited = managed?.child.exitCode ?? managed?.child.signalCode ?? null;
    if (exited !== null) throw new Error(`${what}: process exited with ${exited}`);
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what}: not ready after ${timeoutMs / 1000}s`);
}

/** Waits until the started process is ready; one that never gets there is killed, not left behind. */
export async function readyOrKilled(managed: Managed, what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<Managed> {
  try {
    await waitFor(what, check, managed, timeoutMs);
    return managed;
  } catch (error) {
    await managed.stop('SIGKILL');
    throw error;
  }
}
