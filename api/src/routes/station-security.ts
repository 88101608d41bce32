// A station's credentials and security profile (OCPP 1.6 Security Whitepaper):
// - PUT /charge-points/{id}/password sets its password (station-password.ts);
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
import { awaitedCommandQuery, commandView } from '../command-schemas.ts';
import { nextUpdatedAt, writeConfig } from '../config-writes.ts';
import { ApiError } from '../errors.ts';
import { chargePointIdString, errorResponses, nullableInt, securityProfile } from '../schemas.ts';
import { SECURITY_PROFILE_KEY, needsPassword } from '../station-credentials.ts';
import { existingChargePoint } from './station-facts.ts';
import { registerPasswordRoute } from './station-password.ts';

interface Params { id: string }
interface CommandQuery { timeout: number; wait: number }
const params = { type: 'object', required: ['id'], properties: { id: chargePointIdString } } as const;

const profileAnswer = {
  type: 'object', required: ['chargePointId', 'securityProfile', 'upgraded', 'command'],
  properties: {
    chargePointId: { type: 'string' },
    securityProfile: { ...nullableInt, description: "The registry's profile after this request" },
    upgraded: { type: 'boolean' },
    command: { anyOf: [commandView, { type: 'null' }] },
  },
} as const;

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
      tags: ['charge-points'], summary: 'Move a station up to a higher security profile', params, querystring: awaitedCommandQuery,
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
  registerPasswordRoute(app, options);
  registerSecurityProfile(app, options);
}
