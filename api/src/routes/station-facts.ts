// Per charge point: what its answers to commands established (configuration, local list,
// charging profiles, composite schedules). 404 for a charge point never seen nor registered.
import type { FastifyInstance } from 'fastify';
import { findChargePoint } from '@csms/projections/charge-points/queries.ts';
import { listChargingProfiles, listCompositeSchedules } from '@csms/projections/charging-profiles/queries.ts';
import { findConfiguration } from '@csms/projections/configuration/queries.ts';
import { findLocalList } from '@csms/projections/local-lists/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { ApiError } from '../errors.ts';
import { chargingProfilesView, compositeSchedulesView, configurationView, localListView } from '../fact-schemas.ts';
import { chargePointIdString, errorResponses } from '../schemas.ts';

interface Params { id: string }
export const chargePointParams = { type: 'object', required: ['id'], properties: { id: chargePointIdString } } as const;

export async function requireChargePoint(options: AppOptions, id: string): Promise<void> {
  if ((await findChargePoint(options.pool, id)) === undefined) throw new ApiError('CHARGE_POINT_NOT_FOUND', `charge point ${id} not found`);
}

function schema(summary: string, view: object): object {
  return { tags: ['charge-points'], summary, params: chargePointParams, response: { 200: view, ...errorResponses('CHARGE_POINT_NOT_FOUND') } };
}

export function registerStationFactRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Params: Params }>('/charge-points/:id/configuration', {
    schema: schema('Configuration keys reported and changes requested', configurationView),
  }, async (request) => {
    await requireChargePoint(options, request.params.id);
    return findConfiguration(options.pool, request.params.id);
  });

  app.get<{ Params: Params }>('/charge-points/:id/local-list', {
    schema: schema('The Local Authorization List: versions sent and reported, and its entries', localListView),
  }, async (request) => {
    await requireChargePoint(options, request.params.id);
    return findLocalList(options.pool, request.params.id);
  });

  app.get<{ Params: Params }>('/charge-points/:id/charging-profiles', {
    schema: schema('Installed charging profiles per connector, in stack level order', chargingProfilesView),
  }, async (request) => {
    await requireChargePoint(options, request.params.id);
    return listChargingProfiles(options.pool, request.params.id);
  });

  app.get<{ Params: Params }>('/charge-points/:id/composite-schedules', {
    schema: schema('The latest composite schedule reported per connector', compositeSchedulesView),
  }, async (request) => {
    await requireChargePoint(options, request.params.id);
    return listCompositeSchedules(options.pool, request.params.id);
  });
}
