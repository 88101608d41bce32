// The api as a fastify instance that never listens: main.ts listens, tests use inject().
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppOptions } from './app-options.ts';
import { installErrorHandlers } from './error-handler.ts';
import { registerChargePointRoutes } from './routes/charge-points.ts';
import { registerCommandRoutes } from './routes/commands.ts';
import { registerConnectionRoutes } from './routes/connections.ts';
import { registerDeadLetterRoutes } from './routes/dead-letters.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerIdTagRoutes } from './routes/id-tags.ts';
import { registerReservationRoutes } from './routes/reservations.ts';
import { registerSecurityEventRoutes } from './routes/security-events.ts';
import { registerStationFactRoutes } from './routes/station-facts.ts';
import { registerTransactionRoutes } from './routes/transactions.ts';

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    // Unknown fields are an error the client should hear about, not something to drop silently.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'CSMS API', description: 'Read models of the CSMS, its configuration topics and remote commands', version: '1.0.0' },
      tags: ['health', 'charge-points', 'commands', 'transactions', 'reservations', 'connections', 'id-tags', 'dead-letters', 'security'].map((name) => ({ name })),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  installErrorHandlers(app);
  registerHealthRoutes(app, options);
  registerChargePointRoutes(app, options);
  registerTransactionRoutes(app, options);
  registerConnectionRoutes(app, options);
  registerIdTagRoutes(app, options);
  registerCommandRoutes(app, options);
  registerStationFactRoutes(app, options);
  registerReservationRoutes(app, options);
  registerDeadLetterRoutes(app, options);
  registerSecurityEventRoutes(app, options);
  return app;
}
