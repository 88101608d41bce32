// Where @platformatic/kafka's defaults differ from kafkajs's, the floor sets kafkajs's, so that it
// runs as the services' kafkajs clients do: metadata kept for 5 minutes (not 5 s), and retries as
// kafkajs's default (5, from 300 ms, doubling up to 30 s; not 3 a second apart, nor, for an
// idempotent producer, for ever).
import type { RetryDelayGetter } from '@platformatic/kafka';
import type { KafkaConnection } from './kafka-floor-client.ts';

export interface Backoff {
  readonly retries: number;
  readonly retryDelay: RetryDelayGetter;
}

export interface ClientBase extends Backoff {
  readonly clientId: string;
  readonly bootstrapBrokers: string[];
  readonly metadataMaxAge: number;
}

/** As kafkajs's `retry: { retries, initialRetryTime, maxRetryTime }`, without its random jitter. */
export function backoff(retries: number, initialMs: number, maxMs: number): Backoff {
  return { retries, retryDelay: (_client, _operation, attempt) => Math.min(initialMs * 2 ** (attempt - 1), maxMs) };
}

export function clientBase(connection: KafkaConnection): ClientBase {
  return { clientId: connection.clientId, bootstrapBrokers: [...connection.brokers], metadataMaxAge: 300_000, ...backoff(5, 300, 30_000) };
}
