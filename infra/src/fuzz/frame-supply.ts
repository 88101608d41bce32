// Hands the run's frames out to the hostile sockets, in index order, at the run's pace, until
// N frames have been written or time is up; and calls the storms: every so many frames, every
// socket drops its connection and reconnects at once, then sends a burst without pacing.
import { FUZZ_FAMILIES, type FuzzFrame } from './fuzz-frame.ts';
import { increment, type Counts } from './counts.ts';
import type { FrameGenerator } from './frame-generator.ts';

export interface StormPlan {
  readonly everyFrames: number;
  /** Frames each socket sends unpaced right after it reconnected. */
  readonly burstFrames: number;
}

export interface FrameSupplyOptions {
  readonly frames: number;
  /** Frames per second across all sockets; 0 sends as fast as the sockets write. */
  readonly ratePerSecond: number;
  readonly storms: StormPlan | null;
  readonly generate: FrameGenerator;
  /** Milliseconds, e.g. performance.now. */
  readonly clock: () => number;
}

export interface Ticket {
  readonly index: number;
  readonly frame: FuzzFrame;
  /** When it may be sent, on the supply's clock. */
  readonly dueAt: number;
}

export interface FrameSupply {
  /** The next frame, or null while every remaining frame is in flight or when the run is over. */
  take(burst: boolean): Ticket | null;
  /** Whether the socket wrote the ticket's frame. */
  settle(ticket: Ticket, written: boolean): void;
  /** Over: N frames written, or stopped. */
  exhausted(): boolean;
  /** Counts the storms called so far; a socket that sees it change drops its connection. */
  storms(): number;
  stop(): void;
  /** Frames written, by family. */
  readonly written: Counts;
  /** Frames given to a socket that closed before it could write them. */
  unwritten(): number;
}

/** How far the schedule may fall behind (a reconnect storm) before it stops trying to catch up. */
const MAX_LAG_MS = 1000;

export function createFrameSupply(options: FrameSupplyOptions): FrameSupply {
  const written: Counts = Object.fromEntries(FUZZ_FAMILIES.map((family) => [family, 0]));
  const interval = options.ratePerSecond > 0 ? 1000 / options.ratePerSecond : 0;
  let nextIndex = 0;
  let writtenTotal = 0;
  let inFlight = 0;
  let unwritten = 0;
  let storms = 0;
  let stopped = false;
  let nextDue = options.clock();
  return {
    take(burst) {
      if (stopped || writtenTotal + inFlight >= options.frames) return null;
      const index = nextIndex;
      nextIndex += 1;
      inFlight += 1;
      if (options.storms !== null && index > 0 && index % options.storms.everyFrames === 0) storms += 1;
      const now = options.clock();
      let dueAt = now;
      if (!burst) {
        nextDue = Math.max(nextDue + interval, now - MAX_LAG_MS);
        dueAt = nextDue;
      }
      return { index, frame: options.generate(index), dueAt };
    },
    settle(ticket, wasWritten) {
      inFlight -= 1;
      if (wasWritten) {
        writtenTotal += 1;
        increment(written, ticket.frame.family);
      } else {
        unwritten += 1;
      }
    },
    exhausted: () => stopped || writtenTotal >= options.frames,
    storms: () => storms,
    stop() { stopped = true; },
    written,
    unwritten: () => unwritten,
  };
}
