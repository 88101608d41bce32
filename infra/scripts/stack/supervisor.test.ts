// Real child processes (node itself), so exits by code and by signal are the operating system's.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { startProcess, type Managed } from './processes.ts';
import type { RestartPolicy } from './restart-policy.ts';
import { supervise } from './supervisor.ts';

const quick: RestartPolicy = { initialDelayMs: 10, maxDelayMs: 20, windowMs: 60_000, maxDeaths: 3 };
const silent = () => undefined;

/** A node process that runs until killed, or exits with `code` at once. */
function node(code: number | null): Managed {
  const script = code === null ? 'setInterval(() => {}, 1 << 30)' : `process.exit(${code})`;
  return startProcess('test', process.execPath, ['-e', script], { logFile: null });
}

describe('supervise', () => {
  it('starts a process killed by a signal again, and restarts nothing once stopped', async () => {
    let restarted: (process: Managed) => void = silent;
    const again = new Promise<Managed>((resolve) => { restarted = resolve; });
    const supervised = await supervise({ name: 'sleeper', start: async () => node(null), policy: quick, onRestarted: (p) => restarted(p), onGiveUp: silent, log: silent });
    const first = supervised.current()!;
    first.child.kill('SIGKILL');
    const second = await again;
    assert.notEqual(second.child.pid, first.child.pid);
    assert.equal(supervised.current(), second);
    await supervised.stop();
    assert.equal(second.child.signalCode, 'SIGTERM');
    assert.equal(supervised.current(), null);
  });

  it('gives up on a process that keeps dying', async () => {
    let starts = 0;
    let gaveUp: (reason: string) => void = silent;
    const givenUp = new Promise<string>((resolve) => { gaveUp = resolve; });
    await supervise({ name: 'crasher', start: async () => { starts += 1; return node(1); }, policy: quick, onGiveUp: (r) => gaveUp(r), log: silent });
    assert.match(await givenUp, /crasher keeps dying \(exited with code 1\)/);
    assert.equal(starts, 3);
  });

  it('does not count deaths it is told to excuse, and waits for what the process needs before restarting it', async () => {
    let starts = 0;
    let gaveUp = false;
    let waiting: () => void = silent;
    const firstWait = new Promise<void>((resolve) => { waiting = resolve; });
    let letItStart: () => void = silent;
    const needed = new Promise<void>((resolve) => { letItStart = resolve; });
    let running: (process: Managed) => void = silent;
    const stable = new Promise<Managed>((resolve) => { running = resolve; });
    const supervised = await supervise({
      name: 'dependent', policy: quick, excused: () => true, log: silent,
      beforeRestart: () => { waiting(); return needed; },
      // Dies five times (more than maxDeaths), then stays up.
      start: async () => { starts += 1; return node(starts <= 5 ? 1 : null); },
      onRestarted: (process) => { if (starts > 5) running(process); },
      onGiveUp: () => { gaveUp = true; },
    });
    await firstWait;
    assert.equal(starts, 1, 'no restart before what it needs is up');
    letItStart();
    const process = await stable;
    assert.equal(starts, 6);
    assert.equal(gaveUp, false);
    await supervised.stop();
    assert.equal(process.child.signalCode, 'SIGTERM');
  });
});
