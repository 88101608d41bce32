// kafkajs's retry settings (a first wait, doubled each time up to a longest one) in the form
// @platformatic/kafka takes them, so that its floor retries as the services' kafkajs clients do.
import type { RetryDelayGetter } from '@platformatic/kafka';

export interface Backoff {
  readonly retries: number;
  readonly retryDelay: RetryDelayGetter;
}

/** As kafkajs's `retry: { retries, initialRetryTime, maxRetryTime }`, without its random jitter. */
export function backoff(retries: number, initialMs: number, maxMs: number): Backoff {
  return { retries, retryDelay: (_client, _operation, attempt) => Math.min(initialMs * 2 ** (attempt - 1), maxMs) };
}
