// /api-keys (admins): operators' keys on the compacted api-keys topic, as the api follows it.
// A new key's token is answered once and never again; revoking writes revokedAt, after which
// the key authenticates nothing.
import type { FastifyInstance } from 'fastify';
import type { ApiKey, ApiRole } from '@csms/contracts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { apiKeyView, isActive, isLastActiveAdmin, newApiKey, revokedKey } from '../auth/api-keys.ts';
import { API_ROLES } from '../auth/roles.ts';
import { ApiError } from '../errors.ts';
import { awaitVisible } from '../read-your-writes.ts';
import { errorResponses, pageOf, pageQuery } from '../schemas.ts';

const time = { type: 'string', format: 'date-time' } as const;
const keyView = {
  type: 'object', required: ['id', 'name', 'role', 'createdAt', 'createdBy', 'revokedAt'],
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', enum: [...API_ROLES] }, createdAt: time,
    createdBy: { type: ['string', 'null'] }, revokedAt: { ...time, type: ['string', 'null'] },
  },
} as const;
const createdKey = {
  ...keyView, required: [...keyView.required, 'key'],
  properties: { ...keyView.properties, key: { type: 'string', description: 'The bearer token: shown this once, never stored' } },
} as const;
const params = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } } } as const;

/** Writes the record, then waits (bounded) until the followed topic shows it, so the key works at once. */
async function writeKey(options: AppOptions, record: ApiKey): Promise<boolean> {
  await options.writer.write({ topic: 'apiKeys', key: record.id, value: await options.serde.encode('apiKeys', record) });
  const shown = await awaitVisible(async () => options.auth.apiKeys.byId(record.id), (key) => key?.revokedAt === record.revokedAt, {
    ...options.readYourWrites, clock: options.clock,
  });
  return shown.visible;
}

function existing(options: AppOptions, id: string): ApiKey {
  const key = options.auth.apiKeys.byId(id);
  if (key === undefined) throw new ApiError('API_KEY_NOT_FOUND', `API key ${id} not found`);
  return key;
}


export function registerApiKeyRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Querystring: { limit: number; offset: number } }>('/api-keys', {
    config: { role: 'admin' },
    schema: { tags: ['api-keys'], querystring: { type: 'object', properties: pageQuery, additionalProperties: false }, response: { 200: pageOf(keyView), ...errorResponses() } },
  }, async (request) => {
    const { limit, offset } = request.query;
    const all = options.auth.apiKeys.list();
    return { items: all.slice(offset, offset + limit).map(apiKeyView), total: all.length, limit, offset };
  });

  app.post<{ Body: { name: string; role: ApiRole } }>('/api-keys', {
    config: { role: 'admin' },
    schema: {
      tags: ['api-keys'],
      body: {
        type: 'object', required: ['name', 'role'], additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, role: { type: 'string', enum: [...API_ROLES] } },
      },
      response: { 201: createdKey, 202: createdKey, ...errorResponses('WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const { record, token } = newApiKey({ ...request.body, createdBy: principalOf(request).id, createdAt: options.clock() });
    const visible = await writeKey(options, record);
    return reply.code(visible ? 201 : 202).send({ ...apiKeyView(record), key: token });
  });

  app.delete<{ Params: { id: string } }>('/api-keys/:id', {
    config: { role: 'admin' },
    schema: { tags: ['api-keys'], summary: 'Revoke a key', params, response: { 200: keyView, 202: keyView, ...errorResponses('API_KEY_NOT_FOUND', 'LAST_ADMIN_KEY', 'WRITE_FAILED') } },
  }, async (request, reply) => {
    const key = existing(options, request.params.id);
    if (!isActive(key)) return reply.code(200).send(apiKeyView(key));
    if (isLastActiveAdmin(options.auth.apiKeys, key)) {
      throw new ApiError('LAST_ADMIN_KEY', `API key ${key.id} is the last active admin key; create another first`);
    }
    const revoked = revokedKey(key, options.clock());
    const visible = await writeKey(options, revoked);
    return reply.code(visible ? 200 : 202).send(apiKeyView(revoked));
  });
}
