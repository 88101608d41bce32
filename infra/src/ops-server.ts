// The operations endpoint of a service without an HTTP API of its own: /metrics for
// Prometheus and /health for the orchestrator; nothing else listens.
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface OpsServerOptions {
  readonly registry: Registry;
  /** False while starting or stopping. */
  readonly healthy: () => boolean;
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
      const healthy = options.healthy();
      response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable' }));
      return;
    }
    response.writeHead(404).end();
  });
}
