// What a benchmark station makes of the answer to its BootNotification. Pure.
import type { Reply } from './pending-calls.ts';

/**
 * The wait before booting again after a Pending or Rejected answer without a positive interval:
 * 1.6 §4.2.1 leaves it to the station then, so long as it does not flood the CSMS; a second is
 * the bench's choice.
 */
const RETRY_MS = 1000;

export type BootAnswer =
  /** heartbeatMs: how often to send a Heartbeat, the answer's interval; null without a positive one. */
  | { readonly verdict: 'accepted'; readonly heartbeatMs: number | null }
  /** retryMs: how long to wait before booting again (1.6 §4.2.1, 2.0.1 B02/B03). */
  | { readonly verdict: 'deferred'; readonly status: 'Pending' | 'Rejected'; readonly retryMs: number }
  | { readonly verdict: 'failed' };

/**
 * A CSMS always says a status; only Pending and Rejected defer. The echo floor sends the call back
 * with no status, which stands for the fastest possible Accepted. A CALLERROR, a timeout or a
 * closed socket is a failure.
 */
export function bootAnswerOf(reply: Reply): BootAnswer {
  if (reply.kind !== 'result') return { verdict: 'failed' };
  const answer = typeof reply.payload === 'object' && reply.payload !== null ? reply.payload as { status?: unknown; interval?: unknown } : {};
  const intervalMs = typeof answer.interval === 'number' && answer.interval > 0 ? answer.interval * 1000 : null;
  if (answer.status === 'Pending' || answer.status === 'Rejected') return { verdict: 'deferred', status: answer.status, retryMs: intervalMs ?? RETRY_MS };
  return { verdict: 'accepted', heartbeatMs: intervalMs };
}
