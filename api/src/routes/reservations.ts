// Reservations (ReserveNow / CancelReservation and how they ended), across charge points or
// per charge point, newest first.
import type { FastifyInstance } from 'fastify';
import { listReservations } from '@csms/projections/reservations/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { reservationQuery, reservationView } from '../fact-schemas.ts';
import { chargePointIdString, errorResponses, pageOf, pageQuery } from '../schemas.ts';
import { chargePointParams, requireChargePoint } from './station-facts.ts';

interface Query { status?: 'active' | 'ended'; limit: number; offset: number }

export function registerReservationRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Querystring: Query & { chargePointId?: string } }>('/reservations', {
    config: { role: 'viewer' },
    schema: {
      tags: ['reservations'],
      querystring: { type: 'object', additionalProperties: false, properties: { chargePointId: chargePointIdString, ...reservationQuery, ...pageQuery } },
      response: { 200: pageOf(reservationView), ...errorResponses() },
    },
  }, async (request) => {
    const { limit, offset } = request.query;
    return { ...(await listReservations(options.pool, request.query)), limit, offset };
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/charge-points/:id/reservations', {
    config: { role: 'viewer' },
    schema: {
      tags: ['charge-points'], params: chargePointParams,
      querystring: { type: 'object', additionalProperties: false, properties: { ...reservationQuery, ...pageQuery } },
      response: { 200: pageOf(reservationView), ...errorResponses('CHARGE_POINT_NOT_FOUND') },
    },
  }, async (request) => {
    await requireChargePoint(options, request.params.id);
    const { limit, offset } = request.query;
    return { ...(await listReservations(options.pool, { ...request.query, chargePointId: request.params.id })), limit, offset };
  });
}
