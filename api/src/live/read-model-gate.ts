// Holds each live event until the read models show it: the projections fold the record the event
// comes from a moment after the processors committed it, so a screen that re-reads on an event
// (a station off the fleet page, a command's answer) would otherwise read the state before it.
// Events wait per partition, in offset order, and go out once every projection folding their topic
// has stored an offset past theirs. The projections' progress is read only while events wait.
import type { FoldedProgress } from '@csms/projections/progress/queries.ts';
import type { Logger } from '@csms/infra';
import type { LiveEvent } from './live-event.ts';

export interface ReadModelGateOptions {
  readonly progress: FoldedProgress;
  readonly release: (event: LiveEvent) => void;
  readonly logger: Pick<Logger, 'warn'>;
  /** Between two reads of the projections' progress while events wait. */
  readonly pollMs?: number;
  /** Events held at most; past it a partition's oldest waiting one goes unheard (the read models have it all the same). */
  readonly maxHeld?: number;
  /** Resolves after `ms`; tests pass one they drive. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ReadModelGate {
  /** `event` comes from the record at `offset` of `topic` (its real name) and `partition`. */
  hold(topic: string, partition: number, offset: bigint, event: LiveEvent): void;
  stop(): void;
  readonly held: number;
}

interface Waiting { readonly offset: bigint; readonly event: LiveEvent }

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => { setTimeout(resolve, ms).unref(); });

export function createReadModelGate(options: ReadModelGateOptions): ReadModelGate {
  const { progress, release, logger, pollMs = 100, maxHeld = 10_000, sleep = defaultSleep } = options;
  // By topic, then partition; each queue in offset order, as the consumer hands records over.
  const queues = new Map<string, Map<number, Waiting[]>>();
  let held = 0;
  let draining = false;
  let stopped = false;

  async function releaseFolded(topic: string, partitions: Map<number, Waiting[]>): Promise<void> {
    const next = await progress(topic, [...partitions.keys()]);
    for (const [partition, queue] of partitions) {
      const folded = next.get(partition) ?? 0n;
      let count = 0;
      while (count < queue.length && queue[count]!.offset < folded) count += 1;
      for (const { event } of queue.splice(0, count)) release(event);
      held -= count;
      if (queue.length === 0) partitions.delete(partition);
    }
    if (partitions.size === 0) queues.delete(topic);
  }

  async function drain(): Promise<void> {
    draining = true;
    while (held > 0 && !stopped) {
      for (const [topic, partitions] of queues) {
        try {
          await releaseFolded(topic, partitions);
        } catch (error) {
          // The events wait for the next read: the database may be back by then.
          logger.warn({ err: error, topic }, 'projection progress not read; live events wait');
        }
      }
      if (held > 0) await sleep(pollMs);
    }
    draining = false;
  }

  return {
    hold(topic, partition, offset, event) {
      if (stopped) return;
      const partitions = queues.get(topic) ?? new Map<number, Waiting[]>();
      queues.set(topic, partitions);
      const queue = partitions.get(partition) ?? [];
      partitions.set(partition, queue);
      queue.push({ offset, event });
      if (held < maxHeld) held += 1;
      else queue.shift();
      if (!draining) void drain();
    },
    stop() {
      stopped = true;
    },
    get held() {
      return held;
    },
  };
}
