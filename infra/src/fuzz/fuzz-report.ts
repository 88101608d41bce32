// What a fuzz run found, what fails it, and how it is printed.
import { total, type Counts } from './counts.ts';
import type { HealthyReport } from './healthy-station.ts';
import type { HostileTally } from './hostile-socket.ts';
import type { ServiceVerdict } from './service-probe.ts';

export interface FuzzReport {
  readonly seed: number;
  readonly requestedFrames: number;
  readonly elapsedSeconds: number;
  readonly stoppedBy: 'frames' | 'time';
  /** Frames written to a socket, by family. */
  readonly framesWritten: Counts;
  readonly framesUnwritten: number;
  readonly storms: number;
  readonly hostile: HostileTally;
  readonly healthy: HealthyReport;
  readonly services: readonly ServiceVerdict[];
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Why the run fails: a service restarted or is not healthy at the end, or the healthy station
 * had a call fail or its connection closed. Refusals, CALLERRORs and closes of the hostile
 * sockets are the gateway defending itself: reported, never failures.
 */
export function fuzzProblems(report: FuzzReport): string[] {
  const problems: string[] = [];
  for (const service of report.services) {
    if (service.restart !== null) problems.push(`${service.name} restarted (${service.restart})`);
    if (service.after.health !== 'ok') problems.push(`${service.name} /health is ${service.after.health} at the end`);
  }
  const { healthy } = report;
  if (healthy.failed > 0) problems.push(`the healthy station had ${healthy.failed} failed calls (${formatCounts(healthy.failures)})`);
  const disconnects = total(healthy.disconnects);
  if (disconnects > 0) problems.push(`the healthy station was disconnected ${disconnects} times (${formatCounts(healthy.disconnects)})`);
  if (healthy.ok === 0) problems.push('the healthy station had no call answered');
  return problems;
}

export function formatCounts(counts: Counts): string {
  const entries = Object.entries(counts).filter(([, n]) => n > 0).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([label, n]) => `${label} ${n}`).join(', ');
}

function milliseconds(value: number | null): string {
  return value === null ? '-' : `${value.toFixed(1)} ms`;
}

function startTime(value: number | null): string {
  return value === null ? 'no start time' : `started ${value}`;
}

function serviceLine(service: ServiceVerdict): string {
  const { before, after } = service;
  return `  ${service.name.padEnd(12)} ${startTime(before.startTime)} -> ${startTime(after.startTime)}; /health ${before.health} -> ${after.health}`
    + `; during the run: ${formatCounts(service.probes)}${service.restart === null ? '' : `; RESTARTED (${service.restart})`}`;
}

export function formatReport(report: FuzzReport): string {
  const { hostile, healthy } = report;
  const latencies = [...healthy.latenciesMs].sort((a, b) => a - b);
  const problems = fuzzProblems(report);
  return [
    `fuzz: seed ${report.seed}, ${total(report.framesWritten)} of ${report.requestedFrames} frames in ${report.elapsedSeconds.toFixed(1)} s`
      + ` (stopped by ${report.stoppedBy}), ${report.storms} reconnect storms, ${hostile.connections} hostile connections`,
    `frames sent by family:  ${formatCounts(report.framesWritten)}${report.framesUnwritten > 0 ? ` (${report.framesUnwritten} more cut off by a close)` : ''}`,
    `answers:                ${formatCounts(hostile.answers)}`,
    `socket closes by code:  ${formatCounts(hostile.closes)} (${hostile.closesByFuzzer} asked for by the fuzzer)`,
    `HTTP refusals:          ${formatCounts(hostile.refusals)}`,
    `connection errors:      ${formatCounts(hostile.errors)}`,
    'services:',
    ...report.services.map(serviceLine),
    `healthy station:        ${healthy.ok} ok / ${healthy.failed} failed of ${healthy.calls} calls, disconnects ${formatCounts(healthy.disconnects)};`
      + ` p50 ${milliseconds(percentile(latencies, 50))}  p95 ${milliseconds(percentile(latencies, 95))}  p99 ${milliseconds(percentile(latencies, 99))}`,
    problems.length === 0 ? 'result: ok' : `result: FAILED\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  ].join('\n');
}
