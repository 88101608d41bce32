// /tariff-assignments: which tariff prices which sessions, on the compacted 'tariffAssignments'
// topic keyed by scope (assignmentKey). A session takes the tariff of its id token's group, else
// its EVSE's, else its station's, else the default, as assigned when it started.
import type { FastifyInstance } from 'fastify';
import { tariffAssignmentKey, type TariffAssignment } from '@csms/contracts';
import type { TariffAssignmentView, TariffScope } from '@csms/projections/tariffs/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { nextUpdatedAt, writeConfig } from '../config-writes.ts';
import { ApiError } from '../errors.ts';
import { chargePointIdString, deletionPending, errorResponses, pageOf, pageQuery } from '../schemas.ts';
import { assignmentBody, assignmentView, tariffIdString } from '../tariff-schemas.ts';
import { existingTariff } from '../tariff-writes.ts';

interface AssignmentBody { scope: TariffScope; chargePointId?: string; evseId?: number; groupIdToken?: string; tariffId: string }
interface ListQuery { tariffId?: string; chargePointId?: string; limit: number; offset: number }

/** The fields each scope names; any other is a mistake the caller should hear about. */
const SCOPE_FIELDS: Readonly<Record<TariffScope, readonly ('chargePointId' | 'evseId' | 'groupIdToken')[]>> = {
  Default: [], Station: ['chargePointId'], Evse: ['chargePointId', 'evseId'], IdTokenGroup: ['groupIdToken'],
};

export function checkScope(body: AssignmentBody): void {
  const wanted = SCOPE_FIELDS[body.scope];
  for (const field of ['chargePointId', 'evseId', 'groupIdToken'] as const) {
    const given = body[field] !== undefined;
    if (given !== wanted.includes(field)) {
      const rule = wanted.length === 0 ? 'names no chargePointId, evseId or groupIdToken' : `names exactly ${wanted.join(' and ')}`;
      throw new ApiError('VALIDATION_FAILED', `scope ${body.scope} ${rule}`);
    }
  }
}

function writtenView(key: string, record: TariffAssignment): TariffAssignmentView {
  return { ...record, key, updatedAt: new Date(record.updatedAt).toISOString() };
}

export function registerTariffAssignmentRoutes(app: FastifyInstance, options: AppOptions): void {
  const reads = options.billing.reads;

  app.get<{ Querystring: ListQuery }>('/tariff-assignments', {
    config: { role: 'viewer' },
    schema: {
      tags: ['tariff-assignments'],
      querystring: { type: 'object', additionalProperties: false, properties: { tariffId: tariffIdString, chargePointId: { ...chargePointIdString, examples: ['CP001'] }, ...pageQuery } },
      response: { 200: pageOf(assignmentView), ...errorResponses() },
    },
  }, async (request) => {
    const { limit, offset } = request.query;
    return { ...(await reads.listTariffAssignments(options.pool, request.query)), limit, offset };
  });

  app.put<{ Body: AssignmentBody }>('/tariff-assignments', {
    config: { role: 'operator' },
    schema: {
      tags: ['tariff-assignments'],
      description: 'Assigns a tariff to a scope, replacing what the scope had. Sessions that already started keep their tariff.',
      body: assignmentBody,
      response: { 200: assignmentView, 202: assignmentView, ...errorResponses('TARIFF_NOT_FOUND', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const body = request.body;
    checkScope(body);
    await existingTariff(options, body.tariffId);
    const scope = { scope: body.scope, chargePointId: body.chargePointId ?? null, evseId: body.evseId ?? null, groupIdToken: body.groupIdToken ?? null };
    const key = tariffAssignmentKey(scope);
    const current = await reads.findTariffAssignment(options.pool, key);
    const record: TariffAssignment = {
      ...scope, tariffId: body.tariffId, updatedAt: nextUpdatedAt(options.clock(), current?.updatedAt ?? null), updatedBy: principalOf(request).id,
    };
    const expected = new Date(record.updatedAt).toISOString();
    const { visible, value } = await writeConfig(options, {
      topic: 'tariffAssignments', key, value: await options.serde.encode('tariffAssignments', record),
      read: () => reads.findTariffAssignment(options.pool, key), shows: (row) => row?.updatedAt === expected,
    });
    return reply.code(visible ? 200 : 202).send(visible && value ? value : writtenView(key, record));
  });

  app.delete<{ Params: { key: string } }>('/tariff-assignments/:key', {
    config: { role: 'operator' },
    schema: {
      tags: ['tariff-assignments'], description: 'Removes an assignment (a tombstone): its scope falls back to the next one.',
      params: { type: 'object', required: ['key'], properties: { key: { type: 'string', minLength: 1, maxLength: 100, examples: ['default', 'station:CP001', 'evse:CP001:2', 'group:FLEET-A'] } } },
      response: { 204: { type: 'null' }, 202: deletionPending, ...errorResponses('TARIFF_ASSIGNMENT_NOT_FOUND', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const { key } = request.params;
    if ((await reads.findTariffAssignment(options.pool, key)) === undefined) {
      throw new ApiError('TARIFF_ASSIGNMENT_NOT_FOUND', `no tariff assignment ${key}`);
    }
    const result = await writeConfig(options, {
      topic: 'tariffAssignments', key, value: null, read: () => reads.findTariffAssignment(options.pool, key), shows: (row) => row === undefined,
    });
    return result.visible ? reply.code(204).send() : reply.code(202).send({ id: key, deleted: true });
  });
}
