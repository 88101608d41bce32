// The TCP peer of a request, the one place its socket and address are read: forwarded headers
// are whatever the client wrote, so the limits and the records use the peer only.
import type { Socket } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** Null for an upgrade injected in memory (fastify's injectWS, in tests), which has no TCP socket. */
export function peerSocketOf(request: FastifyRequest): Socket | null {
  return (request.raw.socket as Socket | undefined) ?? null;
}

export function remoteAddressOf(request: FastifyRequest): string | null {
  return peerSocketOf(request)?.remoteAddress ?? null;
}
