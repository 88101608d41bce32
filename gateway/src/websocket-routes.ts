// The two OCPP endpoints. Everything that can refuse a charge point runs in preValidation,
// before the upgrade, so a refused one gets an HTTP status: a request that is no WebSocket
// upgrade (426, before anything else), the identity and subprotocol (400), the limits of its
// address (429), then the upgrade gate (auth/upgrade-gate.ts: lockout 429, readiness 503,
// authentication 401/403, duplicates 409). The handler attaches only sockets the gate admitted.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { presentedOf } from './auth/presented-credentials.ts';
import type { Admission, UpgradeGate } from './auth/upgrade-gate.ts';
import { checkHandshake, type HandshakeResult } from './handshake.ts';
import { createIpAdmission, type IpAdmissionDeps } from './ip-admission.ts';
import type { IpLimiter } from './ip-limiter.ts';
import { attachOcppSocket, type OcppSocketDeps } from './ocpp-socket.ts';
import { peerSocketOf, remoteAddressOf } from './peer.ts';

export interface WebsocketRoutesDeps extends OcppSocketDeps {
  readonly gate: UpgradeGate;
  readonly ipLimiter: IpLimiter;
}

function handshakeOf(request: FastifyRequest): HandshakeResult {
  // The raw request URL: the identity rule decodes it once, itself (station-identity.ts).
  return checkHandshake({ url: request.raw.url ?? '', protocolHeader: request.headers['sec-websocket-protocol'] });
}

/**
 * True for a WebSocket upgrade (RFC 6455 §4.1: a GET). Anything else (a plain GET, a HEAD) is
 * answered 426 (RFC 9110 §15.5.22, naming the protocol to upgrade to) before it costs a hash,
 * counts against a lockout or an address, or writes a record.
 */
async function requireUpgrade(request: FastifyRequest, reply: FastifyReply, deps: IpAdmissionDeps): Promise<boolean> {
  if (request.ws && request.method === 'GET') return true;
  deps.metrics.upgradesRefused.inc({ reason: 'UPGRADE_REQUIRED' });
  await reply.code(426).headers({ upgrade: 'websocket', connection: 'Upgrade' })
    .send({ error: { code: 'UPGRADE_REQUIRED', message: 'OCPP-J runs over a WebSocket: send a WebSocket upgrade' } });
  return false;
}

/** The handshake when the request may go on; otherwise it has been answered with 400. */
async function admitHandshake(request: FastifyRequest, reply: FastifyReply, deps: IpAdmissionDeps): Promise<HandshakeResult | null> {
  const handshake = handshakeOf(request);
  if (handshake.ok) return handshake;
  deps.metrics.upgradesRefused.inc({ reason: handshake.code });
  request.log.warn({ code: handshake.code }, 'websocket handshake refused');
  await reply.code(handshake.status).send({ error: { code: handshake.code, message: handshake.message } });
  return null;
}

export function registerWebsocketRoutes(app: FastifyInstance, deps: WebsocketRoutesDeps): void {
  /** What the gate admitted, per request, for the handler after the upgrade. */
  const admitted = new WeakMap<FastifyRequest, Admission>();
  const admitByAddress = createIpAdmission(deps);

  async function gateUpgrade(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!await requireUpgrade(request, reply, deps)) return;
    const handshake = await admitHandshake(request, reply, deps);
    if (handshake === null || !handshake.ok) return;
    if (!await admitByAddress(request, reply)) return;
    const presented = presentedOf(handshake.chargePointId, peerSocketOf(request), request.headers.authorization);
    const outcome = await deps.gate({ presented, remoteAddress: remoteAddressOf(request) });
    if (!outcome.ok) {
      const { status, headers, body } = outcome.refusal;
      await reply.code(status).headers(headers).send(body);
      return;
    }
    admitted.set(request, outcome);
  }

  const handler = (socket: Parameters<typeof attachOcppSocket>[0], request: FastifyRequest): void => {
    const handshake = handshakeOf(request);
    const admission = admitted.get(request);
    if (!handshake.ok || admission === undefined) {
      // preValidation refused it already; kept so the handler never trusts its caller.
      socket.close(1008, 'not admitted');
      return;
    }
    // The duplicate policy again, synchronously up to the registry taking the socket: another
    // upgrade for this identity may have been attached while this one awaited its checks.
    if (!admission.claim()) {
      socket.close(1008, 'this station is already connected');
      return;
    }
    attachOcppSocket(socket, {
      chargePointId: handshake.chargePointId, protocol: handshake.protocol, remoteAddress: remoteAddressOf(request),
      presentedProfile: admission.presentedProfile, verifiedProfile: admission.verifiedProfile,
    }, deps);
  };
  const options = { websocket: true, preValidation: gateUpgrade } as const;
  app.get('/ocpp/:chargePointId', options, handler);
  app.get('/ocpp', options, handler);
}
