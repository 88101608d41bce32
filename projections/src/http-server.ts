// GET /health for the orchestrator (and the end-to-end harness); nothing else listens.
import { createServer, type Server } from 'node:http';

export interface HttpServerOptions {
  /** False while starting or stopping. */
  readonly healthy: () => boolean;
}

export function createHttpServer(options: HttpServerOptions): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') {
      const healthy = options.healthy();
      response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable' }));
      return;
    }
    response.writeHead(404).end();
  });
}
