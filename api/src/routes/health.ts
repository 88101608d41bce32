// GET /health: whether the api can reach PostgreSQL and Kafka.
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app-options.ts';

type Status = 'up' | 'down';

async function probe(check: () => Promise<unknown>): Promise<Status> {
  try {
    return (await check()) === false ? 'down' : 'up';
  } catch {
    return 'down';
  }
}

const healthSchema = {
  type: 'object',
  required: ['status', 'database', 'kafka'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    database: { type: 'string', enum: ['up', 'down'] },
    kafka: { type: 'string', enum: ['up', 'down'] },
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
    const [database, kafka] = await Promise.all([probe(() => options.pool.query('SELECT 1')), probe(options.checkKafka)]);
    const ok = database === 'up' && kafka === 'up';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, kafka });
  });
}
