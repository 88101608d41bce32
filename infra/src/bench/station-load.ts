// The benchmark's load on an OCPP-J endpoint (the gateway, or the echo floor): N stations connect
// and boot first, then offer calls open-loop for the window, so neither the connection phase nor
// the boot is part of what is measured.
import { setTimeout as sleep } from 'node:timers/promises';
import type WebSocket from 'ws';
import type { BenchPlan, CycleMix } from './bench-plan.ts';
import { bootAnswerOf } from './boot-answer.ts';
import type { CallChannel } from './call-channel.ts';
import { loadTally, type LoadResult } from './load-tally.ts';
import { runOpenLoop, type LoadedStation } from './open-loop.ts';
import { openStationChannel } from './ws-channel.ts';

export interface StationLoadOptions {
  readonly url: string;
  readonly stationIds: readonly string[];
  readonly plan: BenchPlan;
  readonly mix: CycleMix;
  readonly ratePerStation: number;
  readonly seconds: number;
  /** Per station, by its index: upgrade headers (Basic auth), TLS material, the source address. */
  readonly socket: (stationId: string, index: number) => WebSocket.ClientOptions;
  readonly timeoutMs: number;
  /** Run as the window opens and once it closed (the stations still connected): the bench's scrapes. */
  readonly window?: WindowHooks;
}

/** What each resolves to is the caller's: the idle mix reads the gateway's memory from the bench's scrapes. */
export interface WindowHooks<T = unknown> {
  opening(): Promise<T>;
  closed(): Promise<T>;
}

interface Connected {
  readonly stations: LoadedStation[];
  readonly failed: number;
  readonly refused429: number;
  /** Why the first station that could not connect or boot failed, for the message when none could. */
  readonly firstFailure: string | null;
}

async function connectAndBoot(id: string, index: number, options: StationLoadOptions, onRefused: () => void): Promise<CallChannel> {
  const channel = await openStationChannel(id, {
    url: options.url, subprotocol: options.plan.subprotocol, socket: options.socket(id, index), timeoutMs: options.timeoutMs,
    onRefused: (status) => { if (status === 429) onRefused(); },
  });
  const reply = await channel.call({ action: 'BootNotification', payload: options.plan.boot });
  const answer = bootAnswerOf(reply);
  // A Pending or Rejected station may send no other request (1.6 §4.2.1, 2.0.1 B02/B03), so it
  // has no part in the load; it is counted with those that could not boot.
  if (answer.verdict !== 'accepted') {
    channel.close();
    throw new Error(`${id}: BootNotification ${answer.verdict === 'deferred' ? answer.status : reply.kind}`);
  }
  return channel;
}

/** Stations connect in waves of 100, as a fleet does after a restart, not all in one instant. */
async function connectAll(options: StationLoadOptions): Promise<Connected> {
  let refused429 = 0;
  let firstFailure: string | null = null;
  const attempts: Promise<LoadedStation | null>[] = [];
  for (const [i, id] of options.stationIds.entries()) {
    attempts.push(connectAndBoot(id, i, options, () => { refused429 += 1; })
      .then((channel) => ({ channel, script: options.plan.script(options.mix) }), (error: unknown) => {
        firstFailure ??= error instanceof Error ? error.message : String(error);
        return null;
      }));
    if (i % 100 === 99) await sleep(50);
  }
  const settled = await Promise.all(attempts);
  const stations = settled.filter((s): s is LoadedStation => s !== null);
  return { stations, failed: settled.length - stations.length, refused429, firstFailure };
}

export async function runStationLoad(options: StationLoadOptions): Promise<LoadResult> {
  const { stations, failed, refused429, firstFailure } = await connectAll(options);
  // A window without a single station would print a table of zeros that reads like a result.
  if (stations.length === 0) throw new Error(`no station could connect and boot at ${options.url}: ${firstFailure ?? 'no stations'}`);
  const tally = loadTally(options.plan.subprotocol);
  await options.window?.opening();
  const elapsedSeconds = await runOpenLoop({
    stations, ratePerStation: options.ratePerStation, seconds: options.seconds, tally, clock: () => performance.now(),
  });
  // Before the sockets close, so their Disconnected records stay out of what the window measured.
  await options.window?.closed();
  for (const station of stations) station.channel.close();
  return tally.result({
    target: options.url, stations: options.stationIds.length, connectErrors: failed, refused429,
    ratePerStation: options.ratePerStation, seconds: options.seconds, elapsedSeconds,
  });
}
