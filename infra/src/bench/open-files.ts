// Whether this process may open as many files as the run needs. Every station's socket is a file
// descriptor, so past RLIMIT_NOFILE connects fail with EMFILE one by one, well into the run and
// looking like refusals; checked before any station connects instead. Node has no getrlimit
// (v20), but a child shell inherits this process's limit and `ulimit -n` says it.
import { execFileSync } from 'node:child_process';

/** Beyond the stations' sockets: stdio, libuv's own descriptors, the Kafka floor's brokers, the scrapes. */
const SPARE_FILES = 256;

export interface FileNeeds {
  readonly stations: number;
  /** The echo floor runs in this process, so each of its stations holds both ends of a socket here. */
  readonly echoFloor: boolean;
}

export function filesNeeded(needs: FileNeeds): number {
  return needs.stations * (needs.echoFloor ? 2 : 1) + SPARE_FILES;
}

/** The one-line refusal when the limit is too low for the run, or null when it fits. */
export function openFilesProblem(needs: FileNeeds, limit: number): string | null {
  const needed = filesNeeded(needs);
  if (needed <= limit) return null;
  const why = needs.echoFloor ? `each station's socket twice with the in-process echo floor (--no-floor halves it), plus ${SPARE_FILES}` : `a socket per station plus ${SPARE_FILES}`;
  return `--stations ${needs.stations} needs ${needed} open files (${why}) but this process may open ${limit} (ulimit -n); `
    + `the gateway process needs the same, a file per station it holds: raise both limits or run fewer stations`;
}

/** This process's soft limit on open files; Infinity when unlimited. */
export function openFileLimit(): number {
  const text = execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  return text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text);
}
