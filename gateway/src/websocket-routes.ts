// The two OCPP endpoints. The handshake is checked in preValidation, so a refused
// charge point gets an HTTP 400 instead of an upgrade.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkHandshake, type HandshakeResult } from './handshake.ts';
import { attachOcppSocket, type OcppSocketDeps } from './ocpp-socket.ts';

function queryString(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

function handshakeOf(request: FastifyRequest): HandshakeResult {
  const params = request.params as Record<string, unknown> | undefined;
  const fromPath = typeof params?.chargePointId === 'string' ? params.chargePointId : undefined;
  return checkHandshake({
    chargePointId: fromPath ?? queryString(request, 'chargePointId'),
    protocolHeader: request.headers['sec-websocket-protocol'],
    legacyVersion: queryString(request, 'version'),
  });
}

async function refuseBadHandshake(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const handshake = handshakeOf(request);
  if (handshake.ok) return;
  request.log.warn({ url: request.url, code: handshake.code }, 'websocket handshake refused');
  await reply.code(handshake.status).send({ error: { code: handshake.code, message: handshake.message } });
}

export function registerWebsocketRoutes(app: FastifyInstance, deps: OcppSocketDeps): void {
  const options = { websocket: true, preValidation: refuseBadHandshake } as const;
  const handler = (socket: Parameters<typeof attachOcppSocket>[0], request: FastifyRequest): void => {
    const handshake = handshakeOf(request);
    if (!handshake.ok) {
      // preValidation refused it already; kept so the handler never trusts its caller.
      socket.close(1002, handshake.code);
      return;
    }
    attachOcppSocket(socket, {
      chargePointId: handshake.chargePointId,
      protocol: handshake.protocol,
      // Optional: an upgrade injected in memory (injectWS) has no TCP socket.
      remoteAddress: (request.socket as FastifyRequest['socket'] | undefined)?.remoteAddress ?? null,
    }, deps);
  };
  app.get('/ocpp/:chargePointId', options, handler);
  app.get('/ocpp', options, handler);
}
