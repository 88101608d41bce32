// The boot-storm mix: every station connects at the same instant and sends BootNotification, as
// a fleet does when the CSMS comes back after an outage. It measures how long until every one is
// Accepted, counting refused upgrades (429, retried with backoff as chargers do), connections
// that failed for good, and boots answered Pending or Rejected (tried again after the interval
// the answer gives, OCPP 1.6 §4.2.1, 2.0.1 B02/B03, within the run's window).
import type WebSocket from 'ws';
import type { BenchPlan } from './bench-plan.ts';
import { bootUntilAccepted } from './boot-loop.ts';
import { summarize, type LatencySummary } from './latency-stats.ts';
import { openStationChannel } from './ws-channel.ts';

export interface StormResult {
  readonly target: string;
  readonly stations: number;
  readonly accepted: number;
  readonly connectErrors: number;
  readonly refused429: number;
  /** Boots answered Pending or Rejected, each tried again. */
  readonly deferred: number;
  readonly errors: number;
  readonly timeouts: number;
  /** From the storm's start until the last station was Accepted; null if some never were. */
  readonly allAcceptedSeconds: number | null;
  /**
   * Stations Accepted per second until the last of them was: the CSMS's boot throughput, accepted
   * over allAcceptedSeconds when all were. Null if none was.
   */
  readonly bootsPerSecond: number | null;
  /** Per station, from the storm's start to its Accepted. */
  readonly timeToAccepted: LatencySummary;
  /** Per BootNotification, from sending it to its answer. */
  readonly boot: LatencySummary;
}

export interface BootStormOptions {
  readonly url: string;
  readonly stationIds: readonly string[];
  readonly plan: BenchPlan;
  readonly seconds: number;
  /** Per station, by its index: upgrade headers (Basic auth), TLS material, the source address. */
  readonly socket: (stationId: string, index: number) => WebSocket.ClientOptions;
  readonly timeoutMs: number;
}

interface Storm {
  readonly counts: { accepted: number; connectErrors: number; refused429: number; deferred: number; errors: number; timeouts: number };
  readonly toAccepted: number[];
  readonly boots: number[];
  readonly startMs: number;
  /** Aborted as the window ends. */
  readonly ended: AbortSignal;
}

/** One station: connect, then boot until Accepted, a failure for good, or the end of the window. */
async function bootStation(id: string, index: number, options: BootStormOptions, storm: Storm): Promise<void> {
  const { counts } = storm;
  const channel = await openStationChannel(id, {
    url: options.url, subprotocol: options.plan.subprotocol, socket: options.socket(id, index), timeoutMs: options.timeoutMs,
    onRefused: (status) => { if (status === 429) counts.refused429 += 1; },
  }).catch(() => null);
  if (channel === null) { counts.connectErrors += 1; return; }
  try {
    await bootUntilAccepted(channel, {
      boot: options.plan.boot, signal: storm.ended,
      onAnswer(answer, reply, ms) {
        if (reply.kind === 'result') storm.boots.push(ms);
        if (reply.kind === 'error') counts.errors += 1;
        if (reply.kind === 'timeout') counts.timeouts += 1;
        if (answer.verdict === 'accepted') { counts.accepted += 1; storm.toAccepted.push(performance.now() - storm.startMs); }
        if (answer.verdict === 'deferred') counts.deferred += 1;
      },
    });
  } finally {
    channel.close();
  }
}

export async function runBootStorm(options: BootStormOptions): Promise<StormResult> {
  const storm: Storm = {
    counts: { accepted: 0, connectErrors: 0, refused429: 0, deferred: 0, errors: 0, timeouts: 0 },
    toAccepted: [], boots: [], startMs: performance.now(), ended: AbortSignal.timeout(options.seconds * 1000),
  };
  await Promise.all(options.stationIds.map((id, i) => bootStation(id, i, options, storm)));
  const timeToAccepted = summarize(storm.toAccepted);
  const lastAcceptedSeconds = timeToAccepted.n > 0 ? timeToAccepted.max / 1000 : null;
  return {
    target: options.url, stations: options.stationIds.length, ...storm.counts,
    allAcceptedSeconds: storm.counts.accepted === options.stationIds.length ? lastAcceptedSeconds : null,
    bootsPerSecond: lastAcceptedSeconds === null || lastAcceptedSeconds === 0 ? null : storm.counts.accepted / lastAcceptedSeconds,
    timeToAccepted, boot: summarize(storm.boots),
  };
}
