// /tariffs: reads the tariffs read model; writes every tariff, with all its versions, to the
// compacted 'tariffs' topic. A change is a new version, never an edit of one already in force.
import type { FastifyInstance } from 'fastify';
import { newestVersion } from '@csms/contracts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { nextUpdatedAt } from '../config-writes.ts';
import { ApiError } from '../errors.ts';
import { errorResponses, pageOf, pageQuery } from '../schemas.ts';
import { newTariffBody, newVersionBody, tariffIdString, tariffView } from '../tariff-schemas.ts';
import { nextVersionNumber, tariffResponse, versionFromBody, type VersionBody } from '../tariff-versions.ts';
import { existingTariff, replyWithVersion } from '../tariff-writes.ts';

interface NewTariffBody extends VersionBody { id: string; name?: string | null }
interface Params { id: string }
export const tariffParams = { type: 'object', required: ['id'], properties: { id: tariffIdString } } as const;

export function registerTariffRoutes(app: FastifyInstance, options: AppOptions): void {
  const reads = options.billing.reads;

  app.get<{ Querystring: { limit: number; offset: number } }>('/tariffs', {
    config: { role: 'viewer' },
    schema: {
      tags: ['tariffs'], querystring: { type: 'object', properties: pageQuery, additionalProperties: false },
      response: { 200: pageOf(tariffView), ...errorResponses() },
    },
  }, async (request) => {
    const page = await reads.listTariffs(options.pool, request.query);
    return { items: page.items.map(tariffResponse), total: page.total, ...request.query };
  });

  app.get<{ Params: Params }>('/tariffs/:id', {
    config: { role: 'viewer' },
    schema: { tags: ['tariffs'], params: tariffParams, response: { 200: tariffView, ...errorResponses('TARIFF_NOT_FOUND') } },
  }, async (request) => tariffResponse(await existingTariff(options, request.params.id)));

  app.post<{ Body: NewTariffBody }>('/tariffs', {
    config: { role: 'operator' },
    schema: {
      tags: ['tariffs'],
      description: 'A new tariff with its first version (number 1), validated with validateTariff: 400 TARIFF_INVALID lists the problems.',
      body: newTariffBody, response: { 201: tariffView, 202: tariffView, ...errorResponses('TARIFF_INVALID', 'TARIFF_EXISTS', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const { id, name, ...body } = request.body;
    const now = options.clock();
    const version = versionFromBody(body, { id, version: 1, now, previous: undefined });
    if ((await reads.findTariff(options.pool, id)) !== undefined) throw new ApiError('TARIFF_EXISTS', `tariff ${id} already exists: add a version`);
    return replyWithVersion(options, reply, undefined, { id, name: name ?? null, version, updatedAt: now, updatedBy: principalOf(request).id });
  });

  app.post<{ Params: Params; Body: VersionBody }>('/tariffs/:id/versions', {
    config: { role: 'operator' },
    schema: {
      tags: ['tariffs'],
      description: 'A new version, numbered one above the newest. Fields left out are the newest version\'s (elements are always given). '
        + 'validFrom defaults to now; a version starting in the past needs "correction": true.',
      params: tariffParams, body: newVersionBody,
      response: { 201: tariffView, 202: tariffView, ...errorResponses('TARIFF_INVALID', 'TARIFF_NOT_FOUND', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const current = await existingTariff(options, request.params.id);
    const now = options.clock();
    const version = versionFromBody(request.body, {
      id: current.id, version: nextVersionNumber(current.versions), now, previous: newestVersion(current.versions),
    });
    return replyWithVersion(options, reply, current, {
      id: current.id, name: current.name, version, updatedAt: nextUpdatedAt(now, current.updatedAt), updatedBy: principalOf(request).id,
    });
  });
}
