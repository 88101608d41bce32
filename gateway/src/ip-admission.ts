// The per-address limits at the upgrade: a request past them gets HTTP 429 (RFC 6585 §4)
// with Retry-After, before any WebSocket handshake. A TCP connection is admitted once, at its
// first request, and counts as one of its address's connections until it closes, whether it
// became a WebSocket or was refused later (authentication, a duplicate): however many
// requests one keep-alive connection carries, it takes one place and one close listener. An
// upgrade made in memory (fastify's injectWS, in tests) has no peer and is not limited.
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EdgeMetrics } from './edge-metrics.ts';
import type { IpLimiter } from './ip-limiter.ts';
import { peerSocketOf } from './peer.ts';

export interface IpAdmissionDeps {
  readonly ipLimiter: IpLimiter;
  readonly metrics: EdgeMetrics;
}

/** True when the request may go on; otherwise it has been answered with 429. */
type AdmitByAddress = (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;

const messages = {
  'too-many-connections': { code: 'TOO_MANY_CONNECTIONS', message: 'too many open connections from this address' },
  'too-many-new-connections': { code: 'TOO_MANY_NEW_CONNECTIONS', message: 'too many new connections from this address' },
} as const;

export function createIpAdmission(deps: IpAdmissionDeps): AdmitByAddress {
  /** TCP connections already counted: remembered on the socket itself, gone with it. */
  const admitted = new WeakSet<Socket>();
  return async (request, reply) => {
    const socket = peerSocketOf(request);
    const address = socket?.remoteAddress;
    if (socket === null || address === undefined || admitted.has(socket)) return true;
    const admission = deps.ipLimiter.admit(address);
    if (admission.ok) {
      admitted.add(socket);
      if (socket.destroyed) admission.release();
      else socket.once('close', admission.release);
      return true;
    }
    deps.metrics.upgradesRefused.inc({ reason: admission.reason });
    request.log.warn({ remoteAddress: address, reason: admission.reason }, 'websocket upgrade refused: address over its limits');
    await reply.code(429).header('retry-after', String(admission.retryAfterSeconds)).send({ error: messages[admission.reason] });
    return false;
  };
}
