// /charge-points: reads charge_points (+ connectors, connection, credential facts), writes
// registrations to the compacted 'chargePoints' topic and passwords, hashed, to
// 'stationCredentials'.
import type { FastifyInstance } from 'fastify';
import type { ChargePoint, RegistrationStatus } from '@csms/contracts';
import {
  findChargePoint, listChargePoints, listConnectors, type ChargePointView,
} from '@csms/projections/charge-points/queries.ts';
import { findConnection } from '@csms/projections/connections/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { ApiError } from '../errors.ts';
import { nextUpdatedAt, writeConfig } from '../config-writes.ts';
import { checkStationPassword, needsPassword, replacedCredential } from '../station-credentials.ts';
import {
  basicAuthPassword, chargePointDetail, chargePointIdString, chargePointView, deletionPending, errorResponses, pageOf, pageQuery,
  registrationStatus, securityProfile,
} from '../schemas.ts';
import { siteBodySchema, siteRecord, type SiteBody } from '../station-site.ts';
import { existingChargePoint } from './station-facts.ts';

interface Changes {
  name?: string | null;
  location?: string | null;
  site?: SiteBody | null;
  registrationStatus?: RegistrationStatus;
  securityProfile?: number;
  basicAuthPassword?: string;
}
interface Params { id: string }

const changes = {
  name: { type: ['string', 'null'], maxLength: 200 },
  location: { type: ['string', 'null'], maxLength: 500 },
  site: siteBodySchema,
  registrationStatus, securityProfile, basicAuthPassword,
} as const;
const params = { type: 'object', required: ['id'], properties: { id: chargePointIdString } } as const;

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** What was written, for a 202 when the read model does not show it yet. */
function writtenView(record: ChargePoint, passwordSetAt: number | null): Partial<ChargePointView> {
  return {
    id: record.id, registered: true, name: record.name, location: record.location, site: record.site,
    registrationStatus: record.registrationStatus, updatedAt: iso(record.updatedAt), securityProfile: record.securityProfile,
    ...(passwordSetAt === null ? {} : { passwordSet: true, passwordSetAt: iso(passwordSetAt), passwordSetBy: record.updatedBy }),
  };
}

/** Profiles 1 and 2 need a password: in this request, or one the station already has. */
function checkPrerequisites(options: AppOptions, id: string, profile: number, body: Changes): void {
  if (needsPassword(profile) && body.basicAuthPassword === undefined && !options.stationSecurity.credentials.has(id)) {
    throw new ApiError('PASSWORD_NOT_SET', `security profile ${profile} authenticates ${id} with a password: set basicAuthPassword`);
  }
}

interface PasswordWrite {
  readonly chargePointId: string;
  readonly password: string | undefined;
  /** The registration's time; the credential's is strictly later than the one it replaces. */
  readonly at: number;
  readonly previousAt: string | null;
  readonly by: string;
}

/**
 * The password first: a registration whose password write failed would leave a station that
 * cannot connect, while a password without its registration is harmless and retried with it.
 */
async function writePassword(options: AppOptions, write: PasswordWrite): Promise<number | null> {
  if (write.password === undefined) return null;
  checkStationPassword(write.password);
  const updatedAt = nextUpdatedAt(write.at, write.previousAt);
  const credential = replacedCredential({
    chargePointId: write.chargePointId, passwordHash: await options.stationSecurity.hashPassword(write.password), updatedAt, updatedBy: write.by,
  });
  await options.writer.write({ topic: 'stationCredentials', key: write.chargePointId, value: await options.serde.encode('stationCredentials', credential) });
  return updatedAt;
}

async function writeRegistration(
  options: AppOptions, record: ChargePoint, passwordSetAt: number | null,
): Promise<{ visible: boolean; view: Partial<ChargePointView> }> {
  const expected = iso(record.updatedAt);
  const expectedPassword = passwordSetAt === null ? null : iso(passwordSetAt);
  const { visible, value } = await writeConfig(options, {
    topic: 'chargePoints', key: record.id, value: await options.serde.encode('chargePoints', record),
    read: () => findChargePoint(options.pool, record.id),
    shows: (row) => row?.updatedAt === expected && (expectedPassword === null || row.passwordSetAt === expectedPassword),
  });
  return { visible, view: visible && value ? value : writtenView(record, passwordSetAt) };
}

function registerReads(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Querystring: { limit: number; offset: number } }>('/charge-points', {
    config: { role: 'viewer' },
    schema: { tags: ['charge-points'], querystring: { type: 'object', properties: pageQuery, additionalProperties: false }, response: { 200: pageOf(chargePointView), ...errorResponses() } },
  }, async (request) => ({ ...(await listChargePoints(options.pool, request.query)), ...request.query }));

  app.get<{ Params: Params }>('/charge-points/:id', {
    config: { role: 'viewer' },
    schema: { tags: ['charge-points'], params, response: { 200: chargePointDetail, ...errorResponses('CHARGE_POINT_NOT_FOUND') } },
  }, async (request) => {
    const chargePoint = await existingChargePoint(options, request.params.id);
    const [connectors, connection] = await Promise.all([
      listConnectors(options.pool, chargePoint.id), findConnection(options.pool, chargePoint.id),
    ]);
    return { ...chargePoint, connectors, connection: connection ?? null };
  });
}

function registerCreate(app: FastifyInstance, options: AppOptions): void {
  app.post<{ Body: Changes & { id: string } }>('/charge-points', {
    config: { role: 'admin' },
    schema: {
      tags: ['charge-points'],
      body: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: chargePointIdString, ...changes } },
      response: { 201: chargePointView, 202: chargePointView, ...errorResponses('CHARGE_POINT_EXISTS', 'PASSWORD_NOT_SET', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const body = request.body;
    const current = await findChargePoint(options.pool, body.id);
    if (current?.registered) throw new ApiError('CHARGE_POINT_EXISTS', `charge point ${body.id} is already registered`);
    const profile = body.securityProfile ?? 0;
    checkPrerequisites(options, body.id, profile, body);
    const record: ChargePoint = {
      id: body.id, name: body.name ?? null, location: body.location ?? null, site: siteRecord(body.site ?? null),
      registrationStatus: body.registrationStatus ?? 'Accepted', updatedAt: options.clock(), securityProfile: profile, updatedBy: principalOf(request).id,
    };
    const passwordSetAt = await writePassword(options, {
      chargePointId: record.id, password: body.basicAuthPassword, at: record.updatedAt, previousAt: current?.passwordSetAt ?? null, by: principalOf(request).id,
    });
    const { visible, view } = await writeRegistration(options, record, passwordSetAt);
    return reply.code(visible ? 201 : 202).send(view);
  });
}

function registerUpdate(app: FastifyInstance, options: AppOptions): void {
  // Also registers a charge point that was only seen connecting (not yet registered).
  app.put<{ Params: Params; Body: Changes }>('/charge-points/:id', {
    config: { role: 'admin' },
    schema: {
      tags: ['charge-points'], params,
      body: { type: 'object', additionalProperties: false, properties: changes },
      response: { 200: chargePointView, 202: chargePointView, ...errorResponses('CHARGE_POINT_NOT_FOUND', 'PASSWORD_NOT_SET', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const current = await existingChargePoint(options, request.params.id);
    const body = request.body;
    const profile = body.securityProfile ?? current.securityProfile ?? 0;
    checkPrerequisites(options, current.id, profile, body);
    const record: ChargePoint = {
      id: current.id,
      name: body.name === undefined ? current.name : body.name,
      location: body.location === undefined ? current.location : body.location,
      site: body.site === undefined ? current.site : siteRecord(body.site),
      registrationStatus: body.registrationStatus ?? current.registrationStatus ?? 'Accepted',
      updatedAt: nextUpdatedAt(options.clock(), current.updatedAt), securityProfile: profile, updatedBy: principalOf(request).id,
    };
    const passwordSetAt = await writePassword(options, {
      chargePointId: record.id, password: body.basicAuthPassword, at: record.updatedAt, previousAt: current.passwordSetAt, by: principalOf(request).id,
    });
    const { visible, view } = await writeRegistration(options, record, passwordSetAt);
    return reply.code(visible ? 200 : 202).send(view);
  });
}

function registerDelete(app: FastifyInstance, options: AppOptions): void {
  app.delete<{ Params: Params }>('/charge-points/:id', {
    config: { role: 'admin' },
    schema: { tags: ['charge-points'], params, response: { 204: { type: 'null' }, 202: deletionPending, ...errorResponses('CHARGE_POINT_NOT_FOUND', 'WRITE_FAILED') } },
  }, async (request, reply) => {
    const current = await existingChargePoint(options, request.params.id);
    if (!current.registered) throw new ApiError('CHARGE_POINT_NOT_FOUND', `charge point ${current.id} is not registered`);
    // A station no longer registered keeps no password that could still open a connection. The
    // password goes first: should the registration's tombstone then fail, the DELETE can be retried.
    if (options.stationSecurity.credentials.has(current.id) || current.passwordSet) {
      await options.writer.write({ topic: 'stationCredentials', key: current.id, value: null });
    }
    const result = await writeConfig(options, {
      topic: 'chargePoints', key: current.id, value: null,
      read: () => findChargePoint(options.pool, current.id), shows: (row) => row === undefined || !row.registered,
    });
    return result.visible ? reply.code(204).send() : reply.code(202).send({ id: current.id, deleted: true });
  });
}

export function registerChargePointRoutes(app: FastifyInstance, options: AppOptions): void {
  registerReads(app, options);
  registerCreate(app, options);
  registerUpdate(app, options);
  registerDelete(app, options);
}
