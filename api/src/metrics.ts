// Prometheus metrics of the api, in their own registry (several apps live in one test process),
// served on a port of their own by main.ts, not on the api's: /metrics is for the operator's
// scraper, not for API clients.
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Why access control refused a request: no credential, a credential refused, the identity provider unreachable, a role too low. */
const AUTH_FAILURE_REASONS = ['missing', 'refused', 'unavailable', 'forbidden'] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

/** What a request without a route (a 404) is counted under: the path asked for could be anything. */
const UNMATCHED_ROUTE = 'unmatched';

export interface ApiMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'method' | 'route'>;
  readonly authFailures: Counter<'reason'>;
  /** Writes to Kafka that failed (answered WRITE_FAILED), by topic. */
  readonly kafkaWriteFailures: Counter<'topic'>;
}

export function createApiMetrics(options: { defaultMetrics: boolean }): ApiMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const authFailures = new Counter({
    name: 'csms_api_auth_failures_total', help: 'Requests refused by access control, by reason', labelNames: ['reason'], registers,
  });
  // Every reason from zero, so a rule's increase() sees the first failure.
  for (const reason of AUTH_FAILURE_REASONS) authFailures.inc({ reason }, 0);
  return {
    registry,
    requests: new Counter({
      name: 'csms_api_requests_total', help: 'Requests answered, by method, route template and status', labelNames: ['method', 'route', 'status'], registers,
    }),
    requestSeconds: new Histogram({
      name: 'csms_api_request_seconds', help: 'Time from a request received to its reply sent, by method and route template',
      labelNames: ['method', 'route'], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    }),
    authFailures,
    kafkaWriteFailures: new Counter({
      name: 'csms_api_kafka_write_failures_total', help: 'Writes to Kafka that failed and were answered WRITE_FAILED, by topic', labelNames: ['topic'], registers,
    }),
  };
}

/** Counts and times every reply, labelled by the route's template (`/charge-points/:id`), never the path asked for. */
export function installRequestMetrics(app: FastifyInstance, metrics: ApiMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.requestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}
