// /connections: the latest WebSocket of each charge point, from the connections read model.
import type { FastifyInstance } from 'fastify';
import { findConnection, listConnections } from '@csms/projections/connections/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { ApiError } from '../errors.ts';
import { chargePointIdString, connectionView, errorResponses, pageOf, pageQuery } from '../schemas.ts';

export function registerConnectionRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Querystring: { connected?: boolean; limit: number; offset: number } }>('/connections', {
    config: { role: 'viewer' },
    schema: {
      tags: ['connections'],
      querystring: { type: 'object', additionalProperties: false, properties: { connected: { type: 'boolean' }, ...pageQuery } },
      response: { 200: pageOf(connectionView), ...errorResponses() },
    },
  }, async (request) => {
    const { limit, offset } = request.query;
    return { ...(await listConnections(options.pool, request.query)), limit, offset };
  });

  app.get<{ Params: { chargePointId: string } }>('/connections/:chargePointId', {
    config: { role: 'viewer' },
    schema: {
      tags: ['connections'],
      params: { type: 'object', required: ['chargePointId'], properties: { chargePointId: chargePointIdString } },
      response: { 200: connectionView, ...errorResponses('CONNECTION_NOT_FOUND') },
    },
  }, async (request) => {
    const connection = await findConnection(options.pool, request.params.chargePointId);
    if (connection === undefined) throw new ApiError('CONNECTION_NOT_FOUND', `no connection of ${request.params.chargePointId} seen`);
    return connection;
  });
}
