// The idle mix: what holding a fleet at rest costs the gateway. Stations connect at a steady
// --connect-rate (a fleet coming online; boot-storm is the one that measures all at once) and
// boot, then hold their sockets for the window, sending only what OCPP asks of an idle station:
// a Heartbeat every interval its BootNotification answer gave (1.6 §4.2.1 and §4.6, 2.0.1 B01 and
// G02), none when that is longer than the window. The interval is the CSMS's to choose, so what it
// costs belongs in the figure; the sockets' liveness does not depend on it (the gateway pings,
// and `ws` answers pings itself). The gateway's resident memory is read before the first station
// connects, then from the window's own scrapes once all have and at the end of the hold.
import { setTimeout as sleep } from 'node:timers/promises';
import type WebSocket from 'ws';
import type { BenchPlan } from './bench-plan.ts';
import { bootUntilAccepted } from './boot-loop.ts';
import type { CallChannel } from './call-channel.ts';
import { gatewayMemory, type GatewayMemory } from './socket-memory.ts';
import type { WindowHooks } from './station-load.ts';
import { channelOver, openStationSocket } from './ws-channel.ts';

export interface IdleOptions {
  readonly url: string;
  readonly stationIds: readonly string[];
  readonly plan: BenchPlan;
  /** Stations that start connecting per second. */
  readonly connectRate: number;
  /** How long the sockets are held once every station connected. */
  readonly seconds: number;
  /** Per station, by its index: upgrade headers (Basic auth), TLS material, the source address. */
  readonly socket: (stationId: string, index: number) => WebSocket.ClientOptions;
  readonly timeoutMs: number;
  /** The gateway's resident memory in bytes before any station connects, null when its /metrics does not say. */
  residentMemoryBefore(): Promise<number | null>;
  /**
   * Run once all stations connected and at the end of the hold: the bench's stage scrapes, each
   * resolving to the gateway's resident memory it read (null when not said).
   */
  readonly window: WindowHooks<number | null>;
}

export interface IdleResult {
  readonly target: string;
  readonly stations: number;
  readonly seconds: number;
  /** Sockets that opened. */
  readonly connected: number;
  /** Stations whose BootNotification was Accepted; the others' boot failed once or was still Pending or Rejected. */
  readonly booted: number;
  /** Stations whose socket never opened: refused, or refused with 429 past the retries. */
  readonly connectErrors: number;
  /** Upgrades refused with 429 and retried. */
  readonly refused429: number;
  /** Sockets closed by the other side before the hold ended. */
  readonly dropped: number;
  readonly heartbeats: { readonly sent: number; readonly answered: number };
  /** From the first connect until every station was connected and its boot answered, or had failed. */
  readonly connectSeconds: number;
  readonly memory: GatewayMemory;
}

interface Fleet {
  readonly counts: { connected: number; booted: number; connectErrors: number; refused429: number; dropped: number; sent: number; answered: number };
  readonly channels: CallChannel[];
  readonly heartbeats: NodeJS.Timeout[];
  /** Aborted as the hold ends: deferred boots stop waiting, and closes from then on are the bench's own. */
  readonly ended: AbortController;
  firstFailure: string | null;
}

function heartbeatEvery(intervalMs: number, channel: CallChannel, fleet: Fleet): void {
  fleet.heartbeats.push(setInterval(() => {
    fleet.counts.sent += 1;
    void channel.call({ action: 'Heartbeat', payload: {} }).then((reply) => { if (reply.kind === 'result') fleet.counts.answered += 1; });
  }, intervalMs));
}

/** Resolves once the station is connected and its first boot answered, or it could not connect. */
function connectStation(id: string, index: number, options: IdleOptions, fleet: Fleet): Promise<void> {
  const { counts } = fleet;
  return new Promise((settled) => {
    void openStationSocket(id, {
      url: options.url, subprotocol: options.plan.subprotocol, socket: options.socket(id, index), timeoutMs: options.timeoutMs,
      onRefused: (status) => { if (status === 429) counts.refused429 += 1; },
    }).then((ws) => {
      counts.connected += 1;
      ws.once('close', () => { if (!fleet.ended.signal.aborted) counts.dropped += 1; });
      const channel = channelOver(ws, options.timeoutMs);
      fleet.channels.push(channel);
      // `settled` at the first answer, so that the connect phase does not wait out a Pending
      // station's interval; that station boots again until the hold ends.
      return bootUntilAccepted(channel, {
        boot: options.plan.boot, signal: fleet.ended.signal,
        onAnswer(answer) {
          settled();
          if (answer.verdict !== 'accepted') return;
          fleet.counts.booted += 1;
          if (answer.heartbeatMs !== null) heartbeatEvery(answer.heartbeatMs, channel, fleet);
        },
      });
    }, (error: unknown) => {
      counts.connectErrors += 1;
      fleet.firstFailure ??= error instanceof Error ? error.message : String(error);
      settled();
    });
  });
}

async function connectAll(options: IdleOptions, fleet: Fleet): Promise<void> {
  const startMs = performance.now();
  const attempts: Promise<void>[] = [];
  for (const [i, id] of options.stationIds.entries()) {
    // Timers fire no finer than a millisecond or so: waiting only when 10 ms ahead keeps the pace.
    const aheadMs = startMs + (i * 1000) / options.connectRate - performance.now();
    if (aheadMs >= 10) await sleep(aheadMs);
    attempts.push(connectStation(id, i, options, fleet));
  }
  await Promise.all(attempts);
}

export async function runIdle(options: IdleOptions): Promise<IdleResult> {
  const fleet: Fleet = {
    counts: { connected: 0, booted: 0, connectErrors: 0, refused429: 0, dropped: 0, sent: 0, answered: 0 },
    channels: [], heartbeats: [], ended: new AbortController(), firstFailure: null,
  };
  const before = await options.residentMemoryBefore();
  const startMs = performance.now();
  await connectAll(options, fleet);
  const connectSeconds = (performance.now() - startMs) / 1000;
  // Memory figures over no sockets would read like a result.
  if (fleet.counts.connected === 0) throw new Error(`no station could connect at ${options.url}: ${fleet.firstFailure ?? 'no stations'}`);
  const openWhenConnected = fleet.counts.connected - fleet.counts.dropped;
  const connected = await options.window.opening();
  await sleep(options.seconds * 1000);
  const end = await options.window.closed();
  fleet.ended.abort();
  for (const timer of fleet.heartbeats) clearInterval(timer);
  for (const channel of fleet.channels) channel.close();
  const { sent, answered, ...counts } = fleet.counts;
  return {
    target: options.url, stations: options.stationIds.length, seconds: options.seconds,
    ...counts, heartbeats: { sent, answered }, connectSeconds,
    memory: gatewayMemory({ before, connected, end }, { connected: openWhenConnected, atEnd: counts.connected - counts.dropped }),
  };
}
