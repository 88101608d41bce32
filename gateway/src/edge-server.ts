// The one place the gateway's listening servers are created, so every listener (plain ws://,
// and wss:// for security profiles 2 and 3) closes connections that never finish their
// request: a peer that opens sockets and sends half an upgrade must not hold them forever.
// Node checks `headersTimeout` and `requestTimeout` of unfinished requests every
// `connectionsCheckingInterval` (default 30 s, here 1 s) and answers 408 and closes; a TLS
// server also bounds its handshake (`handshakeTimeout`, default 120 s).
import http from 'node:http';
import https from 'node:https';
import type { FastifyServerFactory } from 'fastify';

interface EdgeServerOptions {
  /** How long a request (an upgrade included) may take to arrive whole; the TLS handshake too. */
  readonly handshakeTimeoutMs: number;
}

/** How often Node looks for requests past their timeout. */
const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

function timeouts(options: EdgeServerOptions): http.ServerOptions {
  return {
    headersTimeout: options.handshakeTimeoutMs,
    requestTimeout: options.handshakeTimeoutMs,
    connectionsCheckingInterval: Math.min(CONNECTIONS_CHECKING_INTERVAL_MS, options.handshakeTimeoutMs),
  };
}

/** A plain HTTP server (ws://) with the timeouts. */
export function createEdgeServer(handler: http.RequestListener, options: EdgeServerOptions): http.Server {
  return http.createServer(timeouts(options), handler);
}

/** A TLS server (wss://) with the same timeouts, and the TLS handshake bounded by the same time. */
export function createTlsEdgeServer(handler: http.RequestListener, options: EdgeServerOptions & { readonly tls: https.ServerOptions }): https.Server {
  return https.createServer({ ...options.tls, ...timeouts(options), handshakeTimeout: options.handshakeTimeoutMs }, handler);
}

/** For fastify's `serverFactory`: the app's own listener. */
export function edgeServerFactory(options: EdgeServerOptions): FastifyServerFactory {
  return (handler) => createEdgeServer(handler, options);
}
