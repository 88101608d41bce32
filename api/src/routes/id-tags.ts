// /id-tags: reads from the id_tags read model, writes to the compacted 'idTags' topic.
import type { FastifyInstance } from 'fastify';
import type { IdTag } from '@csms/contracts';
import { findIdTag, listIdTags, type IdTagStatus, type IdTagView } from '@csms/projections/id-tags/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { ApiError } from '../errors.ts';
import { nextUpdatedAt, writeConfig } from '../config-writes.ts';
import { ID_TOKEN_TYPES, idTagLengthProblem } from '../id-token-types.ts';
import { deletionPending, errorResponses, idTagStatus, idTokenString, idTagView, pageOf, pageQuery } from '../schemas.ts';

interface IdTagBody {
  idTag: string;
  status?: IdTagStatus;
  expiryDate?: string | null;
  parentIdTag?: string | null;
  idTokenType?: string | null;
}
type IdTagChanges = Omit<IdTagBody, 'idTag'>;
interface Params { idTag: string }

const changes = {
  status: idTagStatus,
  expiryDate: { type: ['string', 'null'], format: 'date-time' },
  parentIdTag: { anyOf: [idTokenString, { type: 'null' }] },
  idTokenType: {
    type: ['string', 'null'], enum: [...ID_TOKEN_TYPES, null],
    description: 'OCPP 2.0.1 IdTokenEnumType the token must be presented as; null (the default): any type, as every 1.6 id tag',
  },
} as const;
const params = { type: 'object', required: ['idTag'], properties: { idTag: idTokenString } } as const;

function writtenView(record: IdTag): IdTagView {
  return {
    idTag: record.idTag, status: record.status, parentIdTag: record.parentIdTag,
    expiryDate: record.expiryDate === null ? null : new Date(record.expiryDate).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(), idTokenType: record.idTokenType,
  };
}

async function existing(options: AppOptions, idTag: string): Promise<IdTagView> {
  const found = await findIdTag(options.pool, idTag);
  if (found === undefined) throw new ApiError('ID_TAG_NOT_FOUND', `id tag ${idTag} not found`);
  return found;
}

/** Writes the record and waits until the read model shows it (same updatedAt). */
async function writeIdTag(options: AppOptions, record: IdTag): Promise<{ visible: boolean; view: IdTagView }> {
  const expected = new Date(record.updatedAt).toISOString();
  const { visible, value } = await writeConfig(options, {
    topic: 'idTags', key: record.idTag, value: await options.serde.encode('idTags', record),
    read: () => findIdTag(options.pool, record.idTag), shows: (row) => row?.updatedAt === expected,
  });
  // Not yet visible: answer with what was written, never with the row it replaces.
  return { visible, view: visible && value ? value : writtenView(record) };
}

function checkLength(tag: Parameters<typeof idTagLengthProblem>[0]): void {
  const problem = idTagLengthProblem(tag);
  if (problem !== null) throw new ApiError('VALIDATION_FAILED', problem);
}

function toEpoch(iso: string | null | undefined, fallback: number | null): number | null {
  return iso === undefined ? fallback : iso === null ? null : Date.parse(iso);
}

export function registerIdTagRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Querystring: { limit: number; offset: number } }>('/id-tags', {
    config: { role: 'viewer' },
    schema: { tags: ['id-tags'], querystring: { type: 'object', properties: pageQuery, additionalProperties: false }, response: { 200: pageOf(idTagView), ...errorResponses() } },
  }, async (request) => ({ ...(await listIdTags(options.pool, request.query)), ...request.query }));

  app.get<{ Params: Params }>('/id-tags/:idTag', {
    config: { role: 'viewer' },
    schema: { tags: ['id-tags'], params, response: { 200: idTagView, ...errorResponses('ID_TAG_NOT_FOUND') } },
  }, async (request) => existing(options, request.params.idTag));

  app.post<{ Body: IdTagBody }>('/id-tags', {
    config: { role: 'operator' },
    schema: {
      tags: ['id-tags'],
      body: { type: 'object', required: ['idTag'], additionalProperties: false, properties: { idTag: idTokenString, ...changes } },
      response: { 201: idTagView, 202: idTagView, ...errorResponses('ID_TAG_EXISTS', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const body = request.body;
    checkLength({ idTag: body.idTag, parentIdTag: body.parentIdTag ?? null, idTokenType: body.idTokenType ?? null });
    if ((await findIdTag(options.pool, body.idTag)) !== undefined) throw new ApiError('ID_TAG_EXISTS', `id tag ${body.idTag} already exists`);
    const record: IdTag = {
      idTag: body.idTag, status: body.status ?? 'Accepted', expiryDate: toEpoch(body.expiryDate, null),
      parentIdTag: body.parentIdTag ?? null, updatedAt: options.clock(), updatedBy: principalOf(request).id,
      idTokenType: body.idTokenType ?? null,
    };
    const { visible, view } = await writeIdTag(options, record);
    return reply.code(visible ? 201 : 202).send(view);
  });

  app.put<{ Params: Params; Body: IdTagChanges }>('/id-tags/:idTag', {
    config: { role: 'operator' },
    schema: {
      tags: ['id-tags'], params,
      body: { type: 'object', additionalProperties: false, properties: changes },
      response: { 200: idTagView, 202: idTagView, ...errorResponses('ID_TAG_NOT_FOUND', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const current = await existing(options, request.params.idTag);
    const body = request.body;
    const record: IdTag = {
      idTag: current.idTag, status: body.status ?? current.status,
      expiryDate: toEpoch(body.expiryDate, current.expiryDate === null ? null : Date.parse(current.expiryDate)),
      parentIdTag: body.parentIdTag === undefined ? current.parentIdTag : body.parentIdTag,
      updatedAt: nextUpdatedAt(options.clock(), current.updatedAt), updatedBy: principalOf(request).id,
      // Kept unless the body names one (null: any type again).
      idTokenType: body.idTokenType === undefined ? current.idTokenType : body.idTokenType,
    };
    checkLength(record);
    const { visible, view } = await writeIdTag(options, record);
    return reply.code(visible ? 200 : 202).send(view);
  });

  app.delete<{ Params: Params }>('/id-tags/:idTag', {
    config: { role: 'operator' },
    schema: { tags: ['id-tags'], params, response: { 204: { type: 'null' }, 202: deletionPending, ...errorResponses('ID_TAG_NOT_FOUND', 'WRITE_FAILED') } },
  }, async (request, reply) => {
    const { idTag } = await existing(options, request.params.idTag);
    const result = await writeConfig(options, {
      topic: 'idTags', key: idTag, value: null, read: () => findIdTag(options.pool, idTag), shows: (row) => row === undefined,
    });
    return result.visible ? reply.code(204).send() : reply.code(202).send({ id: idTag, deleted: true });
  });
}
