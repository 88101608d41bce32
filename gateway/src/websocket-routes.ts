// The two OCPP endpoints. The upgrade is checked in preValidation, so a refused charge
// point gets an HTTP status instead of an upgrade: the identity and subprotocol (400), then
// the limits of its address (429).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkHandshake, type HandshakeResult } from './handshake.ts';
import { admitByAddress, type IpAdmissionDeps } from './ip-admission.ts';
import type { IpLimiter } from './ip-limiter.ts';
import { attachOcppSocket, type OcppSocketDeps } from './ocpp-socket.ts';

export interface WebsocketRoutesDeps extends OcppSocketDeps {
  readonly ipLimiter: IpLimiter;
}

function handshakeOf(request: FastifyRequest): HandshakeResult {
  // The raw request URL: the identity rule decodes it once, itself (station-identity.ts).
  return checkHandshake({ url: request.raw.url ?? '', protocolHeader: request.headers['sec-websocket-protocol'] });
}

/** True when the request may go on; otherwise it has been answered with 400. */
async function admitHandshake(request: FastifyRequest, reply: FastifyReply, deps: IpAdmissionDeps): Promise<boolean> {
  const handshake = handshakeOf(request);
  if (handshake.ok) return true;
  deps.metrics.upgradesRefused.inc({ reason: handshake.code });
  request.log.warn({ code: handshake.code }, 'websocket handshake refused');
  await reply.code(handshake.status).send({ error: { code: handshake.code, message: handshake.message } });
  return false;
}

export function registerWebsocketRoutes(app: FastifyInstance, deps: WebsocketRoutesDeps): void {
  const preValidation = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!await admitHandshake(request, reply, deps)) return;
    await admitByAddress(request, reply, deps);
  };
  const options = { websocket: true, preValidation } as const;
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
