// Runs the wss:// listener beside ws:// (CSMS_GATEWAY_TLS_PORT): a second fastify app from the
// same buildApp, sharing the connection registry, the Kafka writer and station authentication.
// The certificate, key and client CA are reloaded without a restart when their files change
// (server.setSecureContext); a change that does not load keeps the material in use.
import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import type { Server } from 'node:https';
import { loadTlsMaterial, watchTlsMaterial, type Logger } from '@csms/infra';
import type { TlsListenerConfig } from './auth/auth-config.ts';
import { createTlsServer, secureContextOptions } from './tls-server.ts';

interface TlsListenerOptions {
  readonly tls: TlsListenerConfig;
  readonly host: string;
  readonly logger: Logger;
  readonly build: (listener: { readonly kind: 'tls'; readonly serverFactory: FastifyServerFactory }) => Promise<FastifyInstance>;
  /** How often the files are checked for a change. */
  readonly reloadEveryMs?: number;
  /** How long the TLS handshake, then the upgrade request, may take. */
  readonly handshakeTimeoutMs: number;
  /** Told of each TLS handshake that failed (an old protocol, no shared suite, a bad client certificate, not TLS at all). */
  readonly onHandshakeFailure?: () => void;
}

export interface TlsListener {
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export async function startTlsListener(options: TlsListenerOptions): Promise<TlsListener> {
  const { tls, logger } = options;
  const paths = { certPath: tls.certPath, keyPath: tls.keyPath, ...(tls.caPath === null ? {} : { caPath: tls.caPath }) };
  const material = await loadTlsMaterial(paths);
  const servers: Server[] = [];
  const app = await options.build({
    kind: 'tls',
    serverFactory: (handler) => {
      const server = createTlsServer(material, handler, options.handshakeTimeoutMs);
      server.on('tlsClientError', () => options.onHandshakeFailure?.());
      servers.push(server);
      return server;
    },
  });
  await app.listen({ host: options.host, port: tls.port });
  const watch = watchTlsMaterial({
    paths, intervalMs: options.reloadEveryMs ?? 10_000, initial: material,
    onChange: (fresh) => {
      for (const server of servers) server.setSecureContext(secureContextOptions(fresh));
      logger.info({ certPath: tls.certPath }, 'TLS certificate reloaded');
    },
    onError: (error) => logger.error({ err: error }, 'TLS files changed but do not load; keeping the certificate in use'),
  });
  logger.info({ port: tls.port, clientCertificates: tls.caPath !== null }, 'wss:// listening (security profiles 2 and 3)');
  return {
    app,
    async close() {
      watch.stop();
      await app.close();
    },
  };
}
