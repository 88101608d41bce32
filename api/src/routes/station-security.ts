// A station's credentials and security profile (OCPP 1.6 Security Whitepaper):
// - PUT /charge-points/{id}/password sets its password; with setOnStation it also sends it to
//   the station as ChangeConfiguration(AuthorizationKey), sealed, keeping the previous password
//   valid for a grace period ("Update Charge Point Password for HTTP Basic Authentication");
// - POST /charge-points/{id}/security-profile moves it up a profile ("Upgrade Charge Point
//   Security Profile"): ChangeConfiguration(SecurityProfile), then, once the station accepted,
//   the registry refuses connections below the new profile.
import type { FastifyInstance } from 'fastify';
import type { ChargePoint } from '@csms/contracts';
import { findChargePoint, type ChargePointView } from '@csms/projections/charge-points/queries.ts';
import { isFinalStatus, type CommandView } from '@csms/projections/commands/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { awaitFinal, requestCommand } from '../command-requests.ts';
import { commandView, timeoutQuery, waitQuery } from '../command-schemas.ts';
import { nextUpdatedAt, writeConfig } from '../config-writes.ts';
import { ApiError } from '../errors.ts';
import {
  basicAuthPassword, chargePointIdString, errorResponses, nullableInt, nullableStr, nullableTime, securityProfile,
} from '../schemas.ts';
import {
  AUTHORIZATION_KEY, SECURITY_PROFILE_KEY, checkStationPassword, needsPassword, replacedCredential, rotatedCredential,
} from '../station-credentials.ts';
import { existingChargePoint } from './station-facts.ts';

interface Params { id: string }
interface CommandQuery { timeout: number; wait: number }
const params = { type: 'object', required: ['id'], properties: { id: chargePointIdString } } as const;
const commandQuery = {
  type: 'object', additionalProperties: false,
  properties: { ...timeoutQuery, wait: { ...waitQuery.wait, default: 60 } },
} as const;

const passwordAnswer = {
  type: 'object', required: ['chargePointId', 'passwordSetAt', 'previousValidUntil', 'commandId'],
  properties: {
    chargePointId: { type: 'string' }, passwordSetAt: { type: 'string', format: 'date-time' },
    previousValidUntil: { ...nullableTime, description: 'Until when the previous password still opens a connection' },
    commandId: { ...nullableStr, description: 'The ChangeConfiguration(AuthorizationKey) command, with setOnStation' },
  },
} as const;

const profileAnswer = {
  type: 'object', required: ['chargePointId', 'securityProfile', 'upgraded', 'command'],
  properties: {
    chargePointId: { type: 'string' },
    securityProfile: { ...nullableInt, description: "The registry's profile after this request" },
    upgraded: { type: 'boolean' },
    command: { anyOf: [commandView, { type: 'null' }] },
  },
} as const;

interface WrittenCredential { readonly visible: boolean; readonly at: number; readonly previousValidUntil: number | null }

async function writeCredential(options: AppOptions, current: ChargePointView, body: PasswordBody, by: string): Promise<WrittenCredential> {
  const { credentials, hashPassword, passwordGraceMs } = options.stationSecurity;
  const change = {
    chargePointId: current.id, passwordHash: await hashPassword(body.basicAuthPassword),
    updatedAt: nextUpdatedAt(options.clock(), current.passwordSetAt), updatedBy: by,
  };
  const credential = body.setOnStation ? rotatedCredential(change, credentials.get(current.id), passwordGraceMs) : replacedCredential(change);
  const expected = new Date(credential.updatedAt).toISOString();
  const { visible } = await writeConfig(options, {
    topic: 'stationCredentials', key: current.id, value: await options.serde.encode('stationCredentials', credential),
    read: () => findChargePoint(options.pool, current.id), shows: (row) => row?.passwordSetAt === expected,
  });
  return { visible, at: credential.updatedAt, previousValidUntil: credential.previousValidUntil };
}

interface PasswordBody { basicAuthPassword: string; setOnStation: boolean }

function registerPassword(app: FastifyInstance, options: AppOptions): void {
  app.put<{ Params: Params; Querystring: { timeout: number }; Body: PasswordBody }>('/charge-points/:id/password', {
    config: { role: 'admin' },
    schema: {
      tags: ['charge-points'], summary: "Set or rotate a station's password", params,
      querystring: { type: 'object', additionalProperties: false, properties: timeoutQuery },
      body: {
        type: 'object', required: ['basicAuthPassword'], additionalProperties: false,
        properties: {
          basicAuthPassword,
          setOnStation: {
            type: 'boolean', default: false,
            description: `Also send it to the station (ChangeConfiguration ${AUTHORIZATION_KEY}, sealed); the previous password keeps working for the grace period`,
          },
        },
      },
      response: { 200: passwordAnswer, 202: passwordAnswer, ...errorResponses('CHARGE_POINT_NOT_FOUND', 'SECRETS_KEY_NOT_SET', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const { basicAuthPassword: password, setOnStation } = request.body;
    checkStationPassword(password);
    const sealer = options.stationSecurity.sealer;
    if (setOnStation && sealer === null) {
      throw new ApiError('SECRETS_KEY_NOT_SET', 'setOnStation needs CSMS_SECRETS_KEY (on the api and the gateway) to send the password sealed');
    }
    const current = await existingChargePoint(options, request.params.id);
    const by = principalOf(request).id;
    const { visible, at, previousValidUntil } = await writeCredential(options, current, request.body, by);
    const commandId = !setOnStation || sealer === null ? null : await requestCommand(options, {
      chargePointId: current.id, action: 'ChangeConfiguration', payload: { key: AUTHORIZATION_KEY, value: sealer.seal(password, { chargePointId: current.id, key: AUTHORIZATION_KEY }) },
      timeoutSeconds: request.query.timeout, requestedBy: by,
    });
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return reply.code(visible ? 200 : 202).send({ chargePointId: current.id, passwordSetAt: iso(at), previousValidUntil: iso(previousValidUntil), commandId });
  });
}

/** The registration with its new profile, everything else as it is. */
function upgradedRecord(options: AppOptions, current: ChargePointView, profile: number, by: string): ChargePoint {
  return {
    id: current.id, name: current.name, location: current.location,
    registrationStatus: current.registrationStatus ?? 'Accepted',
    updatedAt: nextUpdatedAt(options.clock(), current.updatedAt), securityProfile: profile, updatedBy: by,
  };
}

function checkUpgrade(options: AppOptions, current: ChargePointView, to: number): void {
  if (!current.registered) throw new ApiError('CHARGE_POINT_NOT_FOUND', `charge point ${current.id} is not registered`);
  const from = current.securityProfile ?? 0;
  if (to < from) {
    throw new ApiError('SECURITY_PROFILE_DOWNGRADE', `${current.id} is at security profile ${from}; this route only moves a station up (set it with PUT /charge-points/{id})`);
  }
  if (needsPassword(to) && !options.stationSecurity.credentials.has(current.id) && !current.passwordSet) {
    throw new ApiError('PASSWORD_NOT_SET', `security profile ${to} authenticates ${current.id} with a password: set it first (PUT /charge-points/{id}/password)`);
  }
}

async function upgrade(options: AppOptions, current: ChargePointView, to: number, query: CommandQuery, by: string): Promise<{ upgraded: boolean; command: CommandView | undefined; commandId: string }> {
  const commandId = await requestCommand(options, {
    chargePointId: current.id, action: 'ChangeConfiguration', payload: { key: SECURITY_PROFILE_KEY, value: String(to) },
    timeoutSeconds: query.timeout, requestedBy: by,
  });
  const command = await awaitFinal(options, commandId, query.wait);
  // Accepted (or RebootRequired, which the commands read model also counts as Accepted): from now on the station connects at `to`.
  if (command?.status !== 'Accepted') return { upgraded: false, command, commandId };
  const record = upgradedRecord(options, current, to, by);
  const expected = new Date(record.updatedAt).toISOString();
  await writeConfig(options, {
    topic: 'chargePoints', key: record.id, value: await options.serde.encode('chargePoints', record),
    read: () => findChargePoint(options.pool, record.id), shows: (row) => row?.updatedAt === expected,
  });
  return { upgraded: true, command, commandId };
}

function registerSecurityProfile(app: FastifyInstance, options: AppOptions): void {
  app.post<{ Params: Params; Querystring: CommandQuery; Body: { securityProfile: number } }>('/charge-points/:id/security-profile', {
    config: { role: 'admin' },
    schema: {
      tags: ['charge-points'], summary: 'Move a station up to a higher security profile', params, querystring: commandQuery,
      description: `Sends ChangeConfiguration ${SECURITY_PROFILE_KEY} and waits (\`?wait=\`, default 60 s) for the answer. When the station accepts, the registry's securityProfile becomes the new one (200, upgraded); when it refuses, nothing changes (200, not upgraded); when no answer came in time, 202 with the command to follow (run it again to update the registry).`,
      body: { type: 'object', required: ['securityProfile'], additionalProperties: false, properties: { securityProfile } },
      response: {
        200: profileAnswer, 202: profileAnswer,
        ...errorResponses('CHARGE_POINT_NOT_FOUND', 'SECURITY_PROFILE_DOWNGRADE', 'PASSWORD_NOT_SET', 'WRITE_FAILED'),
      },
    },
  }, async (request, reply) => {
    const to = request.body.securityProfile;
    const current = await existingChargePoint(options, request.params.id);
    checkUpgrade(options, current, to);
    const from = current.securityProfile ?? 0;
    if (to === from) return reply.code(200).send({ chargePointId: current.id, securityProfile: from, upgraded: false, command: null });
    const { upgraded, command, commandId } = await upgrade(options, current, to, request.query, principalOf(request).id);
    const answer = { chargePointId: current.id, securityProfile: upgraded ? to : from, upgraded, command: command ?? { id: commandId, status: 'Requested' } };
    return reply.code(command !== undefined && isFinalStatus(command.status) ? 200 : 202).send(answer);
  });
}

export function registerStationSecurityRoutes(app: FastifyInstance, options: AppOptions): void {
  registerPassword(app, options);
  registerSecurityProfile(app, options);
}
