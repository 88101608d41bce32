// GET /health: what the api can reach, from its background probes of PostgreSQL, Kafka and the
// schema registry, so the answer is immediate even while one of them hangs.
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app-options.ts';

const state = { type: 'string', enum: ['up', 'down', 'unknown'] } as const;

const healthSchema = {
  type: 'object',
  required: ['status', 'database', 'kafka', 'schemaRegistry', 'unreachable'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    database: state,
    kafka: state,
    schemaRegistry: state,
    /** Plainly: what the api cannot reach now. */
    unreachable: { type: 'array', items: { type: 'string', enum: ['postgres', 'kafka', 'schema-registry'] } },
  },
} as const;

export function registerHealthRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get('/health', {
    // Public: load balancers and orchestrators probe it without credentials.
    config: { role: 'public' },
    schema: {
      tags: ['health'],
      response: {
        200: healthSchema,
        503: healthSchema,
      },
    },
  }, async (_request, reply) => {
    const states = options.dependencies.states();
    const database = states.postgres ?? 'unknown';
    const kafka = states.kafka ?? 'unknown';
    const schemaRegistry = states['schema-registry'] ?? 'unknown';
    const unreachable = Object.entries(states).filter(([, s]) => s === 'down').map(([name]) => name);
    const ok = database === 'up' && kafka === 'up' && schemaRegistry === 'up';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, kafka, schemaRegistry, unreachable });
  });
}
