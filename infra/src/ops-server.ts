// The operations endpoint of a service without an HTTP API of its own: /metrics for
// Prometheus and /health for the orchestrator; nothing else listens.
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface OpsServerOptions {
  readonly registry: Registry;
  /** False while starting or stopping. */
  readonly healthy: () => boolean;
  /** What keeps the service from its work though it runs; any makes /health answer 503 and list them. */
  readonly problems?: () => readonly string[];
  /** The dependencies the service cannot reach (dependency-health.ts); any makes /health answer 503 and name them. */
  readonly unreachable?: () => readonly string[];
}

export function createOpsServer(options: OpsServerOptions): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      options.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
      return;
    }
    if (request.method === 'GET' && path === '/health') {
      const problems = options.problems?.() ?? [];
      const unreachable = options.unreachable?.() ?? [];
      const healthy = options.healthy() && problems.length === 0 && unreachable.length === 0;
      response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({
        status: healthy ? 'ok' : 'unavailable',
        ...(unreachable.length > 0 ? { unreachable } : {}),
        ...(problems.length > 0 ? { problems } : {}),
      }));
      return;
    }
    response.writeHead(404).end();
  });
}
