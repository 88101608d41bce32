// A benchmark station's link to whatever answers it: a WebSocket to the gateway or to the echo
// floor, or the Kafka floor's round trip. The open-loop driver knows only this.
import type { BenchCall } from './bench-plan.ts';
import type { Reply } from './pending-calls.ts';

export interface CallChannel {
  /** Sends one CALL and waits (boundedly) for what answers it. */
  call(call: BenchCall): Promise<Reply>;
  close(): void;
}
