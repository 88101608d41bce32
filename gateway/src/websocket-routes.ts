// The two OCPP endpoints. Everything that can refuse a charge point runs in preValidation,
// before the upgrade, so a refused one gets an HTTP status: the handshake rule (400), then the
// upgrade gate (auth/upgrade-gate.ts: lockout 429, readiness 503, authentication 401/403,
// duplicates 409). The handler attaches only sockets the gate admitted.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SecurityProfile } from './auth/auth-decision.ts';
import { presentedOf } from './auth/presented-credentials.ts';
import type { UpgradeGate } from './auth/upgrade-gate.ts';
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

/** Optional: an upgrade injected in memory (injectWS) has no TCP socket. */
function remoteAddressOf(request: FastifyRequest): string | null {
  return (request.socket as FastifyRequest['socket'] | undefined)?.remoteAddress ?? null;
}

export interface WebsocketRoutesDeps extends OcppSocketDeps {
  readonly gate: UpgradeGate;
}

export function registerWebsocketRoutes(app: FastifyInstance, deps: WebsocketRoutesDeps): void {
  /** What the gate admitted, per request, for the handler after the upgrade. */
  const admitted = new WeakMap<FastifyRequest, SecurityProfile>();

  async function gateUpgrade(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const handshake = handshakeOf(request);
    if (!handshake.ok) {
      request.log.warn({ url: request.url, code: handshake.code }, 'websocket handshake refused');
      await reply.code(handshake.status).send({ error: { code: handshake.code, message: handshake.message } });
      return;
    }
    const presented = presentedOf(handshake.chargePointId, request.socket, request.headers.authorization);
    const outcome = await deps.gate({ presented, remoteAddress: remoteAddressOf(request) });
    if (!outcome.ok) {
      const { status, headers, body } = outcome.refusal;
      await reply.code(status).headers(headers).send(body);
      return;
    }
    admitted.set(request, outcome.presentedProfile);
  }

  const handler = (socket: Parameters<typeof attachOcppSocket>[0], request: FastifyRequest): void => {
    const handshake = handshakeOf(request);
    const presentedProfile = admitted.get(request);
    if (!handshake.ok || presentedProfile === undefined) {
      // preValidation refused it already; kept so the handler never trusts its caller.
      socket.close(1008, 'not admitted');
      return;
    }
    attachOcppSocket(socket, {
      chargePointId: handshake.chargePointId, protocol: handshake.protocol, remoteAddress: remoteAddressOf(request), presentedProfile,
    }, deps);
  };
  const options = { websocket: true, preValidation: gateUpgrade } as const;
  app.get('/ocpp/:chargePointId', options, handler);
  app.get('/ocpp', options, handler);
}
