// Drives stations open-loop: each offers calls on its own timetable (schedule.ts) over its
// channel, sends a due call as soon as the one before it is settled, and stops sending when the
// window closes; what is still queued then was not served. The same driver runs the system, the
// echo floor and the Kafka floor, so their figures differ only in what answers.
import type { StationScript } from './bench-plan.ts';
import type { CallChannel } from './call-channel.ts';
import type { LoadTally } from './load-tally.ts';
import { queueBound, stationPhaseMs, stationSchedule, type StationSchedule } from './schedule.ts';

export interface LoadedStation {
  readonly channel: CallChannel;
  readonly script: StationScript;
}

export interface OpenLoopOptions {
  readonly stations: readonly LoadedStation[];
  readonly ratePerStation: number;
  readonly seconds: number;
  readonly tally: LoadTally;
  /** Milliseconds, monotonic (performance.now in a run, a fake in a test). */
  readonly clock: () => number;
}

function driveStation(station: LoadedStation, schedule: StationSchedule, endMs: number, options: OpenLoopOptions): Promise<void> {
  const { clock, tally } = options;
  return new Promise((done) => {
    const finish = () => {
      tally.stationDone(schedule.tally(clock()));
      done();
    };
    // Called only when no call is outstanding. A timer fires for a call due before the end, so
    // that call goes out even if the timer is a little late; after a reply, past the end, the
    // window is closed and what waits was not served.
    const pump = (onTimer: boolean): void => {
      const now = clock();
      if (!onTimer && now >= endMs) return finish();
      const dueMs = schedule.take(now);
      if (dueMs === null) {
        const next = schedule.nextDueMs(now);
        if (next === null) return finish();
        setTimeout(() => pump(true), Math.max(0, next - now));
        return;
      }
      const call = station.script.next(new Date());
      void station.channel.call(call).then((reply) => {
        tally.answer(call.action, reply, clock() - dueMs);
        if (reply.kind === 'result') station.script.answered(call, reply.payload);
        schedule.settle();
        // A lost connection ends the station; its remaining calls count as not served.
        if (reply.kind === 'closed') finish(); else pump(false);
      });
    };
    pump(false);
  });
}

/** Runs the window and waits for the last outstanding call; resolves with the elapsed seconds. */
export async function runOpenLoop(options: OpenLoopOptions): Promise<number> {
  const intervalMs = 1000 / options.ratePerStation;
  const startMs = options.clock();
  const endMs = startMs + options.seconds * 1000;
  await Promise.all(options.stations.map((station, i) => {
    const schedule = stationSchedule({
      startMs: startMs + stationPhaseMs(i, options.stations.length, intervalMs), intervalMs, endMs,
      maxQueued: queueBound(options.ratePerStation),
    });
    return driveStation(station, schedule, endMs, options);
  }));
  return (options.clock() - startMs) / 1000;
}
