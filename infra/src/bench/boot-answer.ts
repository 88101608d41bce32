// What a benchmark station makes of the answer to its BootNotification. Pure.
import type { Reply } from './pending-calls.ts';

export type BootVerdict = 'accepted' | 'deferred' | 'failed';

export interface BootAnswer {
  readonly verdict: BootVerdict;
  /**
   * The answer's interval in ms, null without a positive one: once Accepted, how often to send a
   * Heartbeat; when Pending or Rejected, how long to wait before booting again (1.6 §4.2.1, 2.0.1 B01-B03).
   */
  readonly intervalMs: number | null;
}

/**
 * A CSMS always says a status; only Pending and Rejected defer. The echo floor sends the call back
 * with no status, which stands for the fastest possible Accepted. A CALLERROR, a timeout or a
 * closed socket is a failure.
 */
export function bootAnswerOf(reply: Reply): BootAnswer {
  if (reply.kind !== 'result') return { verdict: 'failed', intervalMs: null };
  const answer = typeof reply.payload === 'object' && reply.payload !== null ? reply.payload as { status?: unknown; interval?: unknown } : {};
  const intervalMs = typeof answer.interval === 'number' && answer.interval > 0 ? answer.interval * 1000 : null;
  const deferred = answer.status === 'Pending' || answer.status === 'Rejected';
  return { verdict: deferred ? 'deferred' : 'accepted', intervalMs };
}
