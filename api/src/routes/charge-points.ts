// /charge-points: reads charge_points (+ connectors, connection), writes registrations to the
// compacted 'chargePoints' topic.
import type { FastifyInstance } from 'fastify';
import type { ChargePoint, RegistrationStatus } from '@csms/contracts';
import {
  findChargePoint, listChargePoints, listConnectors, type ChargePointView,
} from '@csms/projections/charge-points/queries.ts';
import { findConnection } from '@csms/projections/connections/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { ApiError } from '../errors.ts';
import { nextUpdatedAt, writeConfig } from '../config-writes.ts';
import {
  chargePointDetail, chargePointIdString, chargePointView, deletionPending, errorResponses, pageOf, pageQuery, registrationStatus,
} from '../schemas.ts';

interface Changes { name?: string | null; location?: string | null; registrationStatus?: RegistrationStatus }
interface Params { id: string }

const changes = {
  name: { type: ['string', 'null'], maxLength: 200 },
  location: { type: ['string', 'null'], maxLength: 500 },
  registrationStatus,
} as const;
const params = { type: 'object', required: ['id'], properties: { id: chargePointIdString } } as const;

function writtenView(record: ChargePoint): Partial<ChargePointView> {
  return {
    id: record.id, registered: true, name: record.name, location: record.location,
    registrationStatus: record.registrationStatus, updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

async function existing(options: AppOptions, id: string): Promise<ChargePointView> {
  const found = await findChargePoint(options.pool, id);
  if (found === undefined) throw new ApiError('CHARGE_POINT_NOT_FOUND', `charge point ${id} not found`);
  return found;
}

async function writeRegistration(options: AppOptions, record: ChargePoint): Promise<{ visible: boolean; view: Partial<ChargePointView> }> {
  const expected = new Date(record.updatedAt).toISOString();
  const { visible, value } = await writeConfig(options, {
    topic: 'chargePoints', key: record.id, value: await options.serde.encode('chargePoints', record),
    read: () => findChargePoint(options.pool, record.id), shows: (row) => row?.updatedAt === expected,
  });
  return { visible, view: visible && value ? value : writtenView(record) };
}

export function registerChargePointRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Querystring: { limit: number; offset: number } }>('/charge-points', {
    schema: { tags: ['charge-points'], querystring: { type: 'object', properties: pageQuery, additionalProperties: false }, response: { 200: pageOf(chargePointView), ...errorResponses() } },
  }, async (request) => ({ ...(await listChargePoints(options.pool, request.query)), ...request.query }));

  app.get<{ Params: Params }>('/charge-points/:id', {
    schema: { tags: ['charge-points'], params, response: { 200: chargePointDetail, ...errorResponses('CHARGE_POINT_NOT_FOUND') } },
  }, async (request) => {
    const chargePoint = await existing(options, request.params.id);
    const [connectors, connection] = await Promise.all([
      listConnectors(options.pool, chargePoint.id), findConnection(options.pool, chargePoint.id),
    ]);
    return { ...chargePoint, connectors, connection: connection ?? null };
  });

  app.post<{ Body: Changes & { id: string } }>('/charge-points', {
    schema: {
      tags: ['charge-points'],
      body: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: chargePointIdString, ...changes } },
      response: { 201: chargePointView, 202: chargePointView, ...errorResponses('CHARGE_POINT_EXISTS', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const body = request.body;
    const current = await findChargePoint(options.pool, body.id);
    if (current?.registered) throw new ApiError('CHARGE_POINT_EXISTS', `charge point ${body.id} is already registered`);
    const record: ChargePoint = {
      id: body.id, name: body.name ?? null, location: body.location ?? null,
      registrationStatus: body.registrationStatus ?? 'Accepted', updatedAt: options.clock(), securityProfile: 0, updatedBy: null,
    };
    const { visible, view } = await writeRegistration(options, record);
    return reply.code(visible ? 201 : 202).send(view);
  });

  // Also registers a charge point that was only seen connecting (not yet registered).
  app.put<{ Params: Params; Body: Changes }>('/charge-points/:id', {
    schema: {
      tags: ['charge-points'], params,
      body: { type: 'object', additionalProperties: false, properties: changes },
      response: { 200: chargePointView, 202: chargePointView, ...errorResponses('CHARGE_POINT_NOT_FOUND', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const current = await existing(options, request.params.id);
    const body = request.body;
    const record: ChargePoint = {
      id: current.id,
      name: body.name === undefined ? current.name : body.name,
      location: body.location === undefined ? current.location : body.location,
      registrationStatus: body.registrationStatus ?? current.registrationStatus ?? 'Accepted',
      updatedAt: nextUpdatedAt(options.clock(), current.updatedAt), securityProfile: 0, updatedBy: null,
    };
    const { visible, view } = await writeRegistration(options, record);
    return reply.code(visible ? 200 : 202).send(view);
  });

  app.delete<{ Params: Params }>('/charge-points/:id', {
    schema: { tags: ['charge-points'], params, response: { 204: { type: 'null' }, 202: deletionPending, ...errorResponses('CHARGE_POINT_NOT_FOUND', 'WRITE_FAILED') } },
  }, async (request, reply) => {
    const current = await existing(options, request.params.id);
    if (!current.registered) throw new ApiError('CHARGE_POINT_NOT_FOUND', `charge point ${current.id} is not registered`);
    const result = await writeConfig(options, {
      topic: 'chargePoints', key: current.id, value: null,
      read: () => findChargePoint(options.pool, current.id), shows: (row) => row === undefined || !row.registered,
    });
    return result.visible ? reply.code(204).send() : reply.code(202).send({ id: current.id, deleted: true });
  });
}
