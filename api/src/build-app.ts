// The api as a fastify instance that never listens: main.ts listens, tests use inject().
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppOptions } from './app-options.ts';
import { BEARER_SCHEME, DOCS_PREFIX, documentAccess, installAccessControl } from './auth/access-control.ts';
import { createAuthenticator } from './auth/authentication.ts';
import { representableDateTimes } from './date-time-format.ts';
import { installEdgeGuards } from './edge-guards.ts';
import { endConnectionsOnClose } from './connections-on-close.ts';
import { frameworkErrorReply, installErrorHandlers } from './error-handler.ts';
import { installRequestMetrics } from './metrics.ts';
import { registerRateLimit } from './rate-limit.ts';
import { registerApiKeyRoutes } from './routes/api-keys.ts';
import { registerCdrRoutes } from './routes/cdrs.ts';
import { registerChargePointRoutes } from './routes/charge-points.ts';
import { registerCommandRoutes } from './routes/commands.ts';
import { registerConsoleReadRoutes } from './routes/console-reads.ts';
import { registerConsoleStatic } from './routes/console-static.ts';
import { registerConnectionRoutes } from './routes/connections.ts';
import { registerDeadLetterRedriveRoute } from './routes/dead-letter-redrive.ts';
import { registerDeadLetterRoutes } from './routes/dead-letters.ts';
import { registerDeviceModelRoutes } from './routes/device-model.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerIdTagRoutes } from './routes/id-tags.ts';
import { registerLiveRoutes } from './routes/live.ts';
import { registerReservationRoutes } from './routes/reservations.ts';
import { registerSecurityEventRoutes } from './routes/security-events.ts';
import { registerSessionCostRoutes } from './routes/session-cost.ts';
import { registerStatementRoutes } from './routes/statements.ts';
import { registerStationFactRoutes } from './routes/station-facts.ts';
import { registerStationSecurityRoutes } from './routes/station-security.ts';
import { registerRerateRoutes } from './routes/rerates.ts';
import { registerTariffAssignmentRoutes } from './routes/tariff-assignments.ts';
import { registerTariffOcpiRoutes } from './routes/tariff-ocpi.ts';
import { registerTariffRoutes } from './routes/tariffs.ts';
import { registerTransactionRoutes } from './routes/transactions.ts';

const bearerScheme = {
  type: 'http', scheme: 'bearer',
  description: 'An API key (`npm run api-key -- create`, or POST /api-keys) or, when configured, a JWT from the identity provider',
} as const;

async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'CSMS API', description: 'Read models of the CSMS, its configuration topics and remote commands', version: '1.0.0' },
      tags: ['health', 'charge-points', 'commands', 'transactions', 'reservations', 'connections', 'id-tags', 'tariffs', 'tariff-assignments', 'cdrs', 'rerates', 'statements', 'api-keys', 'console'].map((name) => ({ name })),
      components: { securitySchemes: { [BEARER_SCHEME]: bearerScheme } },
    },
    transform: documentAccess,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.http.bodyLimitBytes,
    frameworkErrors: frameworkErrorReply,
    // Unknown fields are an error the client should hear about, not something to drop silently.
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
      onCreate: representableDateTimes,
    },
  });
  endConnectionsOnClose(app);
  // First: its onRoute hook checks every route registered after it.
  installAccessControl(app, createAuthenticator(options.auth), (reason) => options.metrics.authFailures.inc({ reason }));
  installRequestMetrics(app, options.metrics);
  await registerRateLimit(app, options.http.rateLimit);
  if (options.http.corsOrigins.length > 0) {
    const origins = options.http.corsOrigins;
    await app.register(cors, { origin: origins.includes('*') ? '*' : [...origins], allowedHeaders: ['authorization', 'content-type'] });
  }
  installEdgeGuards(app);
  await registerDocs(app);
  installErrorHandlers(app);
  registerHealthRoutes(app, options);
  registerChargePointRoutes(app, options);
  registerStationSecurityRoutes(app, options);
  registerTransactionRoutes(app, options);
  registerConnectionRoutes(app, options);
  registerIdTagRoutes(app, options);
  registerCommandRoutes(app, options);
  registerStationFactRoutes(app, options);
  registerDeviceModelRoutes(app, options);
  registerReservationRoutes(app, options);
  registerDeadLetterRoutes(app, options);
  registerDeadLetterRedriveRoute(app, options);
  registerSecurityEventRoutes(app, options);
  registerTariffRoutes(app, options);
  registerTariffOcpiRoutes(app, options);
  registerTariffAssignmentRoutes(app, options);
  registerCdrRoutes(app, options);
  registerRerateRoutes(app, options);
  registerStatementRoutes(app, options);
  registerSessionCostRoutes(app, options);
  registerApiKeyRoutes(app, options);
  registerConsoleReadRoutes(app, options);
  registerLiveRoutes(app, options);
  await registerConsoleStatic(app, options);
  return app;
}
