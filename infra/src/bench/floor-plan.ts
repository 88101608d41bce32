// Which floors a run measures, decided here only: the bench's floors, its progress line and its
// open-file check, and the command line's refusal of a flag that would do nothing, all ask this.
// Pure.
import type { BenchMix, CycleMix } from './bench-plan.ts';

export interface FloorRun {
  /** False with --no-floor. */
  readonly floor: boolean;
  readonly mix: BenchMix;
}

/** A floor that runs beside the mix it runs, or why it does not run, as the report says it. */
export type FloorDecision<M extends BenchMix> = { readonly runs: true; readonly mix: M } | { readonly runs: false; readonly reason: string };

export interface FloorPlan {
  /** Driven as the system is, so any mix with latencies. */
  readonly echo: FloorDecision<Exclude<BenchMix, 'idle'>>;
  /** Needs a steady rate of calls to send through Kafka. */
  readonly kafka: FloorDecision<CycleMix>;
}

const runs = <M extends BenchMix>(mix: M): FloorDecision<M> => ({ runs: true, mix });
const skipped = (reason: string): FloorDecision<never> => ({ runs: false, reason });

export function floorPlan(run: FloorRun): FloorPlan {
  if (!run.floor) return { echo: skipped('not asked for (--no-floor)'), kafka: skipped('not asked for (--no-floor)') };
  switch (run.mix) {
    case 'session':
    case 'heartbeat':
      return { echo: runs(run.mix), kafka: runs(run.mix) };
    case 'boot-storm':
      return { echo: runs(run.mix), kafka: skipped('a boot storm offers no steady rate to send through Kafka') };
    case 'idle': {
      const none = skipped('the idle mix measures what the gateway holds, not latency');
      return { echo: none, kafka: none };
    }
    default: {
      const _exhaustive: never = run.mix;
      return _exhaustive;
    }
  }
}

/** Whether the run measures any floor at all. */
export function anyFloorRuns(plan: FloorPlan): boolean {
  return plan.echo.runs || plan.kafka.runs;
}
