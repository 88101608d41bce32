// GET /charge-points/{id}/variables: the OCPP 2.0.1 device model a station reported (NotifyReport,
// and answers to GetVariables / SetVariables), and whether its latest report is complete.
import type { FastifyInstance } from 'fastify';
import { findDeviceModel } from '@csms/projections/device-model/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { deviceModelView, variableQuery } from '../device-model-schemas.ts';
import { errorResponses } from '../schemas.ts';
import { chargePointParams, requireChargePoint } from './station-facts.ts';

interface Query { component?: string; variable?: string; limit: number; offset: number }

export function registerDeviceModelRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Params: { id: string }; Querystring: Query }>('/charge-points/:id/variables', {
    config: { role: 'viewer' },
    schema: {
      tags: ['charge-points'], summary: 'The OCPP 2.0.1 device model: variable attributes reported, and the latest report\'s progress',
      params: chargePointParams, querystring: variableQuery,
      response: { 200: deviceModelView, ...errorResponses('CHARGE_POINT_NOT_FOUND') },
    },
  }, async (request) => {
    await requireChargePoint(options, request.params.id);
    const { limit, offset } = request.query;
    return { ...(await findDeviceModel(options.pool, request.params.id, request.query)), limit, offset };
  });
}
