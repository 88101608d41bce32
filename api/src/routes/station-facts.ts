// Per charge point: what its answers to commands established (configuration, local list,
// charging profiles, composite schedules). 404 for a charge point never seen nor registered.
import type { FastifyInstance } from 'fastify';
import { findChargePoint, type ChargePointView } from '@csms/projections/charge-points/queries.ts';
import { listChargingProfiles, listCompositeSchedules } from '@csms/projections/charging-profiles/queries.ts';
import { findConfiguration } from '@csms/projections/configuration/queries.ts';
import { findLocalList } from '@csms/projections/local-lists/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { ApiError } from '../errors.ts';
import { chargingProfilesView, compositeSchedulesView, configurationView, localListView } from '../fact-schemas.ts';
import { chargePointIdString, errorResponses } from '../schemas.ts';

interface Params { id: string }
export const chargePointParams = { type: 'object', required: ['id'], properties: { id: chargePointIdString } } as const;

/** A charge point registered or seen; CHARGE_POINT_NOT_FOUND otherwise. */
export async function existingChargePoint(options: AppOptions, id: string): Promise<ChargePointView> {
  const found = await findChargePoint(options.pool, id);
  if (found === undefined) throw new ApiError('CHARGE_POINT_NOT_FOUND', `charge point ${id} not found`);
  return found;
}

export async function requireChargePoint(options: AppOptions, id: string): Promise<void> {
  await existingChargePoint(options, id);
}

function route(summary: string, view: object): { config: { role: 'viewer' }; schema: object } {
  return {
    config: { role: 'viewer' },
    schema: { tags: ['charge-points'], summary, params: chargePointParams, response: { 200: view, ...errorResponses('CHARGE_POINT_NOT_FOUND') } },
  };
}

export function registerStationFactRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Params: Params }>('/charge-points/:id/configuration', route(
    'Configuration keys reported and changes requested', configurationView,
  ), async (request) => {
    await requireChargePoint(options, request.params.id);
    return findConfiguration(options.pool, request.params.id);
  });

  app.get<{ Params: Params }>('/charge-points/:id/local-list', route(
    'The Local Authorization List: versions sent and reported, and its entries', localListView,
  ), async (request) => {
    await requireChargePoint(options, request.params.id);
    return findLocalList(options.pool, request.params.id);
  });

  app.get<{ Params: Params }>('/charge-points/:id/charging-profiles', route(
    'Installed charging profiles per connector, in stack level order', chargingProfilesView,
  ), async (request) => {
    await requireChargePoint(options, request.params.id);
    return listChargingProfiles(options.pool, request.params.id);
  });

  app.get<{ Params: Params }>('/charge-points/:id/composite-schedules', route(
    'The latest composite schedule reported per connector', compositeSchedulesView,
  ), async (request) => {
    await requireChargePoint(options, request.params.id);
    return listCompositeSchedules(options.pool, request.params.id);
  });
}
