// One simulated station's open-loop timetable. Calls fall due every `intervalMs` whatever the
// replies do, yet OCPP-J allows one CALL outstanding at a time (1.6 JSON §4.1.1, 2.0.1 part 4
// §4.1.1), so a call that falls due while another is outstanding waits in a queue. Each call
// keeps the time it fell due: its latency is measured from then, not from when it could be
// sent, or a slow system would hide its own slowness (coordinated omission). The timetable
// holds counters only, since due times are evenly spaced; time comes in as an argument.

export interface ScheduleOptions {
  /** When the first call falls due (ms on the caller's clock). */
  readonly startMs: number;
  readonly intervalMs: number;
  /** No call falls due at or after this. */
  readonly endMs: number;
  /** A station with more calls waiting than this has fallen behind (and stays counted so). */
  readonly maxQueued: number;
}

export interface ScheduleTally {
  /** Calls that fell due by then. */
  readonly offered: number;
  /** Calls handed to the wire (one of them may still be outstanding). */
  readonly sent: number;
  /** Due calls not yet sent: at the end of a run, calls the system never got to serve. */
  readonly queued: number;
  readonly fellBehind: boolean;
}

export interface StationSchedule {
  /** The due time of the oldest waiting call, now sent and outstanding; null if one is outstanding or none is due. */
  take(nowMs: number): number | null;
  /** The outstanding call got its reply, or gave up waiting. */
  settle(): void;
  /** When the next call falls due; null when none is left before the end. */
  nextDueMs(nowMs: number): number | null;
  tally(nowMs: number): ScheduleTally;
}

/**
 * How many calls to schedule in all: those due strictly before the end. The tolerance keeps a
 * window of exactly k intervals at k calls when its ends are sums of floats (performance.now()
 * plus seconds), whose difference can come out a hair above k intervals.
 */
function totalCalls({ startMs, intervalMs, endMs }: ScheduleOptions): number {
  return Math.max(0, Math.ceil((endMs - startMs) / intervalMs - 1e-9));
}

export function stationSchedule(options: ScheduleOptions): StationSchedule {
  if (!(options.intervalMs > 0)) throw new RangeError(`intervalMs must be positive, not ${options.intervalMs}`);
  const total = totalCalls(options);
  let sent = 0;
  let outstanding = false;
  let fellBehind = false;

  const dueBy = (nowMs: number): number =>
    nowMs < options.startMs ? 0 : Math.min(total, Math.floor((nowMs - options.startMs) / options.intervalMs) + 1);
  // The queue is longest just before a send, and every send goes through take(), so checking
  // there (and in tally) sees every peak without a timer of its own.
  const observe = (nowMs: number): number => {
    const queued = dueBy(nowMs) - sent;
    if (queued > options.maxQueued) fellBehind = true;
    return queued;
  };

  return {
    take(nowMs) {
      const queued = observe(nowMs);
      if (outstanding || queued === 0) return null;
      const dueMs = options.startMs + sent * options.intervalMs;
      sent += 1;
      outstanding = true;
      return dueMs;
    },
    settle() {
      outstanding = false;
    },
    nextDueMs(nowMs) {
      const next = dueBy(nowMs);
      return next < total ? options.startMs + next * options.intervalMs : null;
    },
    tally(nowMs) {
      const queued = observe(nowMs);
      return { offered: dueBy(nowMs), sent, queued, fellBehind };
    },
  };
}

/**
 * Stations' first calls spread over one interval, so a fleet offering one call a second does
 * not send them all in the same millisecond.
 */
export function stationPhaseMs(index: number, stations: number, intervalMs: number): number {
  return (index / stations) * intervalMs;
}

/** Waiting calls beyond one second's worth (and at least two) mean a station has fallen behind. */
export function queueBound(ratePerSecond: number): number {
  return Math.max(2, Math.ceil(ratePerSecond));
}
