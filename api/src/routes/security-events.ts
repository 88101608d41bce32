// Security events (csms.security): refused and replaced connections, the events stations report,
// and how their certificate signing requests went; across charge points or per charge point,
// newest first. The per-station list answers for any identity, registered or not: a refused
// connection is recorded under the identity the caller claimed, which may be known nowhere else.
import type { FastifyInstance } from 'fastify';
import { listSecurityEvents, type SecurityEventType } from '@csms/projections/security-events/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { chargePointIdString, errorResponses, pageOf, pageQuery, securityEventType, securityEventView } from '../schemas.ts';
import { chargePointParams } from './station-facts.ts';

interface Query {
  type?: SecurityEventType;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const filters = {
  type: securityEventType,
  from: { type: 'string', format: 'date-time', description: 'seen at or after (inclusive)' },
  to: { type: 'string', format: 'date-time', description: 'seen before (exclusive)' },
  ...pageQuery,
} as const;

export function registerSecurityEventRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Querystring: Query & { chargePointId?: string } }>('/security-events', {
    config: { role: 'viewer' },
    schema: {
      tags: ['security'],
      querystring: { type: 'object', additionalProperties: false, properties: { chargePointId: chargePointIdString, ...filters } },
      response: { 200: pageOf(securityEventView), ...errorResponses() },
    },
  }, async (request) => {
    const { limit, offset } = request.query;
    return { ...(await listSecurityEvents(options.pool, request.query)), limit, offset };
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/charge-points/:id/security-events', {
    config: { role: 'viewer' },
    schema: {
      tags: ['charge-points'], params: chargePointParams,
      querystring: { type: 'object', additionalProperties: false, properties: filters },
      response: { 200: pageOf(securityEventView), ...errorResponses() },
    },
  }, async (request) => {
    const { limit, offset } = request.query;
    return { ...(await listSecurityEvents(options.pool, { ...request.query, chargePointId: request.params.id })), limit, offset };
  });
}
