// Assembles the gateway's fastify app from its dependencies. Never listens: main.ts and
// the tests decide where.
import { randomUUID } from 'node:crypto';
import fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory } from 'fastify';
import websocket from '@fastify/websocket';
import { TABLE_VERSIONS, type TableVersion } from '@csms/contracts';
import type { Logger, SecretSealer } from '@csms/infra';
import type { AuthPolicy } from './auth/auth-decision.ts';
import type { DuplicatePolicy } from './auth/duplicate-policy.ts';
import type { Lockout } from './auth/lockout.ts';
import type { PasswordVerifier } from './auth/password-verifier.ts';
import type { StationDirectory } from './auth/station-directory.ts';
import { createUpgradeGate } from './auth/upgrade-gate.ts';
import type { GatewayConfig } from './config.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import { edgeServerFactory } from './edge-server.ts';
import { healthDeps, registerHealthRoute, type KafkaHealth } from './http-routes.ts';
import type { GatewayMetrics } from './metrics.ts';
import { chooseProtocol } from './handshake.ts';
import type { IpLimiter } from './ip-limiter.ts';
import { revealSealedValues } from './sealed-calls.ts';
import type { InboundSink, SecuritySink } from './sinks.ts';
import { createPayloadValidator, type PayloadValidator } from './payload-validator.ts';
import type { Timers } from './timers.ts';
import { registerWebsocketRoutes, type WebsocketRoutesDeps } from './websocket-routes.ts';

export interface BuildAppOptions {
  readonly config: Pick<GatewayConfig, 'node' | 'maxFrameBytes' | 'pingSeconds' | 'callQueueSize' | 'callTimeoutSeconds' | 'edge'>;
  readonly logger: Logger;
  readonly registry: ConnectionRegistry;
  readonly inbound: InboundSink;
  readonly security: SecuritySink;
  /** Shared by every listener of the node, so failures count per address whichever port they came to. */
  readonly stationAuth: StationAuth;
  /** Shared by every listener of the node too, so an address's connections count whichever port they came to. */
  readonly ipLimiter: IpLimiter;
  /** Opens sealed station passwords in ChangeConfiguration / SetVariables (CSMS_SECRETS_KEY); null: none can be opened. */
  readonly secrets: SecretSealer | null;
  /** ws:// with /health for load balancers, or wss:// (OCPP only) on the server the factory makes. */
  readonly listener: { readonly kind: 'plain' } | { readonly kind: 'tls'; readonly serverFactory: FastifyServerFactory };
  readonly metrics: GatewayMetrics;
  readonly kafkaHealth: () => KafkaHealth;
  readonly clock: () => number;
  /** Runs the CSMS CALL timeouts. */
  readonly timers: Timers;
  readonly newConnectionId?: () => string;
  /** How long shutdown waits for charge points to complete the close handshake. */
  readonly closeGraceMs?: number;
}

export interface StationAuth {
  readonly directory: StationDirectory;
  readonly verifier: PasswordVerifier;
  readonly lockout: Lockout;
  readonly policy: AuthPolicy;
  readonly duplicatePolicy: DuplicatePolicy;
}

function createValidators(): Record<TableVersion, PayloadValidator> {
  const entries = TABLE_VERSIONS.map((p) => [p, createPayloadValidator(p)] as const);
  return Object.fromEntries(entries) as Record<TableVersion, PayloadValidator>;
}

/** RFC 6455 §7.4.1 1001 "going away": the station reconnects, possibly to another node. */
async function closeAllSockets(registry: ConnectionRegistry, graceMs: number): Promise<void> {
  const connections = registry.all();
  for (const connection of connections) connection.close(1001, 'gateway shutting down');
  const deadline = Date.now() + graceMs;
  while (registry.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/** Fastify with the WebSocket plugin, on the listener's server; closing it closes every socket first. */
async function createFastify(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, listener } = options;
  // Typed as fastify's logger interface so the instance keeps fastify's default generics.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = fastify({
    loggerInstance,
    serverFactory: listener.kind === 'tls'
      ? listener.serverFactory
      : edgeServerFactory({ handshakeTimeoutMs: config.edge.handshakeTimeoutSeconds * 1000 }),
    // Any id, however long, reaches the identity rule and gets its 400 (not find-my-way's 404 past
    // 100 characters); Node's 16 KiB header limit bounds the URL.
    routerOptions: { maxParamLength: 16 * 1024 },
  });
  await app.register(websocket, {
    options: {
      maxPayload: config.maxFrameBytes,
      handleProtocols: (offered: Set<string>) => chooseProtocol(offered) ?? false,
    },
    preClose: async () => {
      await closeAllSockets(options.registry, options.closeGraceMs ?? 2000);
      for (const socket of app.websocketServer.clients) socket.terminate();
    },
  });
  return app;
}

function websocketRoutesDeps(options: BuildAppOptions): WebsocketRoutesDeps {
  const { config, registry, metrics, logger, clock } = options;
  const pingMs = config.pingSeconds * 1000;
  const gate = createUpgradeGate({ ...options.stationAuth, node: config.node, pingMs, registry, security: options.security, metrics, logger, clock });
  return {
    gate, ipLimiter: options.ipLimiter, security: options.security, reveal: revealSealedValues(options.secrets), node: config.node, pingMs,
    registry, inbound: options.inbound, validators: createValidators(), metrics, logger, clock, timers: options.timers,
    newConnectionId: options.newConnectionId ?? randomUUID,
    callQueueSize: config.callQueueSize,
    callTimeoutMs: config.callTimeoutSeconds * 1000,
    limits: {
      rawMaxBytes: config.edge.inboundRawMaxBytes, callRate: config.edge.callRate, maxPendingFrames: config.edge.maxPendingFrames,
    },
  };
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = await createFastify(options);
  registerWebsocketRoutes(app, websocketRoutesDeps(options));
  if (options.listener.kind === 'plain') registerHealthRoute(app, healthDeps(options));
  return app;
}
