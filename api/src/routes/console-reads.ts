// The reads the web console is built on: who is signed in, the fleet at a glance, and the OCPP
// schema of every command a version allows (the console generates its command forms from them).
import type { FastifyInstance } from 'fastify';
import { csmsCallRow, ocppSchemaId, ocppSchemas, TABLE_VERSIONS, type TableVersion } from '@csms/contracts';
import { fleetSummary, listFleet, type FleetFilter } from '@csms/projections/fleet/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { API_ROLES } from '../auth/roles.ts';
import { COMMAND_ACTIONS } from '../command-actions.ts';
import { errorResponses, nullableInt, nullableStr, nullableTime, pageQuery, str } from '../schemas.ts';

const meView = {
  type: 'object', required: ['id', 'role'],
  properties: {
    id: { ...str, description: '`key:<id>` for an API key, `sub:<subject>` for the identity provider\'s token' },
    role: { type: 'string', enum: [...API_ROLES] },
  },
} as const;

const fleetStation = {
  type: 'object',
  properties: {
    id: str, name: nullableStr, connected: { type: 'boolean' }, node: nullableInt, protocol: nullableStr,
    securityProfile: { ...nullableInt, description: 'The security profile its latest connection proved at the upgrade' },
    requiredSecurityProfile: { ...nullableInt, description: 'The least security profile it is registered with' },
    vendor: nullableStr, model: nullableStr, firmwareVersion: nullableStr,
    lastBootAt: nullableTime, lastSeenAt: nullableTime, connectedAt: nullableTime, disconnectedAt: nullableTime,
  },
} as const;

const fleetView = {
  type: 'object', required: ['items', 'total', 'limit', 'offset', 'summary'],
  properties: {
    items: { type: 'array', items: fleetStation }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' },
    summary: {
      type: 'object', description: 'The whole fleet, whatever the filter',
      properties: {
        stations: { type: 'integer' }, connected: { type: 'integer' },
        protocols: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Stations by the OCPP version of their latest connection' },
      },
    },
  },
} as const;

const versionParam = { type: 'string', enum: [...TABLE_VERSIONS] } as const;

const commandSchemasView = {
  type: 'object', required: ['version', 'commands'],
  properties: {
    version: str,
    commands: {
      type: 'array',
      items: {
        type: 'object', required: ['action', 'schema'],
        properties: { action: str, schema: { type: 'object', additionalProperties: true, description: 'The official OCPP JSON schema of the request' } },
      },
    },
  },
} as const;

/** The request schema of every command `version` allows, in the order of the api's command list. */
export function commandSchemasOf(version: TableVersion): { action: string; schema: object }[] {
  const schemas = new Map(ocppSchemas(version).map((schema) => [schema.$id, schema]));
  return COMMAND_ACTIONS.filter((action) => csmsCallRow(version, action) !== undefined).flatMap((action) => {
    const schema = schemas.get(ocppSchemaId(action, 'req'));
    return schema === undefined ? [] : [{ action, schema }];
  });
}

export function registerConsoleReadRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get('/me', {
    config: { role: 'viewer' },
    schema: { tags: ['console'], summary: 'Who the credential belongs to, and its role', response: { 200: meView, ...errorResponses() } },
  }, async (request) => principalOf(request));

  app.get<{ Querystring: FleetFilter }>('/fleet', {
    config: { role: 'viewer' },
    schema: {
      tags: ['console'], summary: 'Every station with its connection, searched and filtered, with a summary of the whole fleet',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          search: { type: 'string', maxLength: 100, description: 'A case-insensitive part of the id, name, vendor, model or firmware version' },
          connected: { type: 'boolean' },
          protocol: versionParam,
          ...pageQuery,
        },
      },
      response: { 200: fleetView, ...errorResponses() },
    },
  }, async (request) => {
    const [page, summary] = await Promise.all([listFleet(options.pool, request.query), fleetSummary(options.pool)]);
    return { ...page, limit: request.query.limit, offset: request.query.offset, summary };
  });

  const cached = new Map<TableVersion, { version: string; commands: { action: string; schema: object }[] }>();
  app.get<{ Params: { version: TableVersion } }>('/ocpp-schemas/:version', {
    config: { role: 'viewer' },
    schema: {
      tags: ['console'], summary: 'The request schema of every command the OCPP version allows',
      params: { type: 'object', required: ['version'], properties: { version: versionParam } },
      response: { 200: commandSchemasView, ...errorResponses() },
    },
  }, async (request) => {
    const { version } = request.params;
    let answer = cached.get(version);
    if (answer === undefined) {
      answer = { version, commands: commandSchemasOf(version) };
      cached.set(version, answer);
    }
    return answer;
  });
}
