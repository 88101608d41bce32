// The per-address limits at the upgrade: a request past them gets HTTP 429 (RFC 6585 §4)
// with Retry-After, before any WebSocket handshake. An admitted request counts as one of
// its address's connections until its TCP socket closes, whether it became a WebSocket or
// was refused later (authentication, a duplicate). An upgrade made in memory (fastify's
// injectWS, in tests) has no peer and is not limited.
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EdgeMetrics } from './edge-metrics.ts';
import type { IpLimiter } from './ip-limiter.ts';

export interface IpAdmissionDeps {
  readonly ipLimiter: IpLimiter;
  readonly metrics: EdgeMetrics;
}

const messages = {
  'too-many-connections': { code: 'TOO_MANY_CONNECTIONS', message: 'too many open connections from this address' },
  'too-many-new-connections': { code: 'TOO_MANY_NEW_CONNECTIONS', message: 'too many new connections from this address' },
} as const;

/** True when the request may go on; otherwise it has been answered with 429. */
export async function admitByAddress(request: FastifyRequest, reply: FastifyReply, deps: IpAdmissionDeps): Promise<boolean> {
  const socket = request.raw.socket as Socket | undefined;
  const address = socket?.remoteAddress;
  if (socket === undefined || address === undefined) return true;
  const admission = deps.ipLimiter.admit(address);
  if (admission.ok) {
    if (socket.destroyed) admission.release();
    else socket.once('close', admission.release);
    return true;
  }
  deps.metrics.upgradesRefused.inc({ reason: admission.reason });
  request.log.warn({ remoteAddress: address, reason: admission.reason }, 'websocket upgrade refused: address over its limits');
  await reply.code(429).header('retry-after', String(admission.retryAfterSeconds)).send({ error: messages[admission.reason] });
  return false;
}
