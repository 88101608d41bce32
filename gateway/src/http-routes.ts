// Operational HTTP endpoints. /health answers on the OCPP port too, since a load balancer
// probes the port it routes to; the sockets this node holds and its metrics answer only on
// the ops port, which stays inside the cluster: station identities (the Basic-auth user
// names) and traffic figures are not for whoever can reach the OCPP port.
import fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger, ProducerState } from '@csms/infra';
import type { ConnectionRegistry } from './connection-registry.ts';
import type { GatewayMetrics } from './metrics.ts';

/** A Kafka client as a write or the group tells it: the replaceable producer's own states. */
export type KafkaClientState = ProducerState;

export interface KafkaHealth {
  readonly producer: KafkaClientState;
  readonly consumer: KafkaClientState;
}

export interface HealthDeps {
  readonly node: number;
  readonly registry: ConnectionRegistry;
  readonly kafkaHealth: () => KafkaHealth;
  /** Whether the registered stations and their credentials are loaded: until then every upgrade is refused with 503. */
  readonly stationsReady: () => boolean;
}

/** What the ops port needs of the node: the same parts as its OCPP listeners get (build-app.ts). */
export interface OpsDeps {
  readonly config: { readonly node: number };
  readonly registry: ConnectionRegistry;
  readonly kafkaHealth: () => KafkaHealth;
  readonly stationAuth: { readonly directory: { readonly ready: () => boolean } };
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
}

/** The /health of the plain OCPP listener and of the ops port, from the node's parts. */
export function healthDeps(deps: Omit<OpsDeps, 'metrics' | 'logger'>): HealthDeps {
  return { node: deps.config.node, registry: deps.registry, kafkaHealth: deps.kafkaHealth, stationsReady: deps.stationAuth.directory.ready };
}

export function registerHealthRoute(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/health', async (_request, reply) => {
    const kafka = deps.kafkaHealth();
    const stations = deps.stationsReady() ? 'ready' : 'loading';
    const ok = kafka.producer === 'up' && kafka.consumer === 'up' && stations === 'ready';
    // Said plainly: Kafka is unreachable when this node's last write, or its consumer, failed.
    const unreachable = kafka.producer === 'down' || kafka.consumer === 'down' ? ['kafka'] : [];
    // 503 when degraded, so a load balancer stops sending new charge points here.
    return reply.code(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'degraded', node: deps.node, connections: deps.registry.size, kafka, stations, unreachable,
    });
  });
}

/** The ops port's app: /health, /connections, /connections/{id}, /metrics. Never listens: main.ts and the tests decide where. */
export function buildOpsApp(deps: OpsDeps): FastifyInstance {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  // A scrape every few seconds is not worth a log line.
  const app = fastify({ loggerInstance, disableRequestLogging: true });
  registerHealthRoute(app, healthDeps(deps));

  app.get('/connections', async () => deps.registry.list());

  app.get<{ Params: { chargePointId: string } }>('/connections/:chargePointId', async (request, reply) => {
    const info = deps.registry.info(request.params.chargePointId);
    if (!info) {
      return reply.code(404).send({
        error: { code: 'CONNECTION_NOT_FOUND', message: `no connection for '${request.params.chargePointId}' on this node` },
      });
    }
    return info;
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(body);
  });
  return app;
}
