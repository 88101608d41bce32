// What an open-loop run counts while it runs, and the figures it comes to: offered and served
// calls, latencies per action and per class, CALLERRORs, timeouts, lost connections, stations
// that fell behind and calls they never got to send.
import { callClassOf, type CallClass } from './call-class.ts';
import { latencyLog, summarize, type LatencySummary } from './latency-stats.ts';
import type { Reply } from './pending-calls.ts';
import type { ScheduleTally } from './schedule.ts';

export interface LoadResult {
  readonly target: string;
  readonly stations: number;
  /** Stations that could not connect (or boot) and offered nothing. */
  readonly connectErrors: number;
  /** Upgrades refused with 429 and retried. */
  readonly refused429: number;
  readonly ratePerStation: number;
  /** The window calls fell due in. */
  readonly seconds: number;
  /** From the first due call to the last answer or timeout. */
  readonly elapsedSeconds: number;
  readonly offered: number;
  readonly served: number;
  readonly offeredPerSecond: number;
  readonly servedPerSecond: number;
  readonly errors: number;
  readonly errorCodes: Readonly<Record<string, number>>;
  readonly timeouts: number;
  /** Calls lost with their connection. */
  readonly closed: number;
  readonly fellBehind: number;
  readonly notServed: number;
  readonly all: LatencySummary;
  readonly byClass: Readonly<Record<CallClass, LatencySummary>>;
  readonly byAction: Readonly<Record<string, LatencySummary>>;
}

export interface LoadTally {
  answer(action: string, reply: Reply, latencyMs: number): void;
  stationDone(schedule: ScheduleTally): void;
  result(run: { target: string; stations: number; connectErrors: number; refused429: number; ratePerStation: number; seconds: number; elapsedSeconds: number }): LoadResult;
}

function countOf(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** `subprotocol` decides each action's class (call-class.ts). */
export function loadTally(subprotocol: string): LoadTally {
  const latencies = latencyLog();
  const errorCodes = new Map<string, number>();
  const counts = { offered: 0, timeouts: 0, closed: 0, fellBehind: 0, notServed: 0 };
  return {
    answer(action, reply, latencyMs) {
      switch (reply.kind) {
        case 'result': latencies.add(action, latencyMs); break;
        case 'error': countOf(errorCodes, reply.code); break;
        case 'timeout': counts.timeouts += 1; break;
        case 'closed': counts.closed += 1; break;
        default: { const never: never = reply; throw new Error(`unknown reply ${JSON.stringify(never)}`); }
      }
    },
    stationDone(schedule) {
      counts.offered += schedule.offered;
      counts.notServed += schedule.queued;
      if (schedule.fellBehind) counts.fellBehind += 1;
    },
    result(run) {
      const actions = latencies.names();
      const samplesOf = (names: readonly string[]) => names.flatMap((name) => latencies.samples(name));
      const inClass = (c: CallClass) => actions.filter((a) => callClassOf(subprotocol, a) === c);
      const served = samplesOf(actions).length;
      const errors = [...errorCodes.values()].reduce((a, b) => a + b, 0);
      return {
        ...run, ...counts, served, errors, errorCodes: Object.fromEntries([...errorCodes].sort()),
        offeredPerSecond: counts.offered / run.seconds,
        servedPerSecond: run.elapsedSeconds > 0 ? served / run.elapsedSeconds : 0,
        all: summarize(samplesOf(actions)),
        byClass: {
          'gateway-answered': summarize(samplesOf(inClass('gateway-answered'))),
          'processor-decided': summarize(samplesOf(inClass('processor-decided'))),
        },
        byAction: Object.fromEntries(actions.map((a) => [a, summarize(latencies.samples(a))])),
      };
    },
  };
}
