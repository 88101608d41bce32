// Back-pressure on one socket: at most `maxPending` of its frames may await Kafka's
// acknowledgement. At that many the socket stops being read (ws pause(): TCP then pushes back
// on the station), and it is read again once one is acknowledged, so a station that sends
// faster than Kafka takes cannot grow the gateway's memory.

interface InboundFlowOptions {
  readonly maxPending: number;
  readonly pause: () => void;
  readonly resume: () => void;
}

export interface InboundFlow {
  /** A frame was handed to Kafka. */
  started(): void;
  /** Kafka acknowledged (or refused) one. */
  settled(): void;
}

export function createInboundFlow(options: InboundFlowOptions): InboundFlow {
  let pending = 0;
  let paused = false;
  return {
    started() {
      pending += 1;
      if (!paused && pending >= options.maxPending) {
        paused = true;
        options.pause();
      }
    },
    settled() {
      pending -= 1;
      if (paused && pending < options.maxPending) {
        paused = false;
        options.resume();
      }
    },
  };
}
