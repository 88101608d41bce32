// A station's credentials and security profile (OCPP 1.6 Security Whitepaper, OCPP 2.0.1 A01/A05):
// - PUT /charge-points/{id}/password sets its password (station-password.ts);
// - POST /charge-points/{id}/security-profile moves it up a profile: the calls of its version
//   (security-profile-calls.ts), one after the other, then, once the station accepted them all,
//   the registry refuses connections below the new profile.
import type { FastifyInstance } from 'fastify';
import type { ChargePoint } from '@csms/contracts';
import { findChargePoint, type ChargePointView } from '@csms/projections/charge-points/queries.ts';
import { isFinalStatus, type CommandView } from '@csms/projections/commands/queries.ts';
import { findDeviceModel } from '@csms/projections/device-model/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { commandVersion } from '../command-actions.ts';
import { awaitFinal, requestCommand } from '../command-requests.ts';
import { awaitedCommandQuery, commandView } from '../command-schemas.ts';
import { createCommandValidator, type CommandValidator } from '../command-validator.ts';
import { nextUpdatedAt, writeConfig } from '../config-writes.ts';
import { ApiError } from '../errors.ts';
import { chargePointIdString, errorResponses, nullableInt, securityProfile } from '../schemas.ts';
import {
  NETWORK_PRIORITY, networkProfileProblem, upgradeCalls, type NetworkProfile, type UpgradeCall,
} from '../security-profile-calls.ts';
import { SECURITY_PROFILE_KEY, needsPassword } from '../station-credentials.ts';
import { existingChargePoint } from './station-facts.ts';
import { registerPasswordRoute } from './station-password.ts';

interface Params { id: string }
interface CommandQuery { timeout: number; wait: number }
interface UpgradeBody { securityProfile: number; networkProfile?: NetworkProfile }
const params = { type: 'object', required: ['id'], properties: { id: chargePointIdString } } as const;

const profileAnswer = {
  type: 'object', required: ['chargePointId', 'securityProfile', 'upgraded', 'command'],
  properties: {
    chargePointId: { type: 'string' },
    securityProfile: { ...nullableInt, description: "The registry's profile after this request" },
    upgraded: { type: 'boolean' },
    command: { anyOf: [commandView, { type: 'null' }], description: 'The last command sent: the one that failed, is still awaited, or completed the upgrade' },
    commands: {
      type: 'array', description: 'Every command sent, in order (one for OCPP 1.6; up to three for 2.0.1)',
      items: { type: 'object', required: ['action', 'id', 'status'], properties: { action: { type: 'string' }, id: { type: 'string' }, status: { type: 'string' } } },
    },
  },
} as const;

const networkProfileBody = {
  type: 'object', required: ['configurationSlot', 'ocppCsmsUrl'], additionalProperties: false,
  description: 'OCPP 2.0.1 stations only (A05): the connection profile SetNetworkProfile stores at the new security profile',
  properties: {
    configurationSlot: { type: 'integer', minimum: 0, maximum: 2_147_483_647, description: "A slot of the station's NetworkConfigurationPriority valuesList" },
    ocppCsmsUrl: { type: 'string', minLength: 1, maxLength: 512, description: 'This CSMS without the station identity, which the station appends: wss:// for profiles 2 and 3, ws:// for 1' },
    ocppInterface: { type: 'string', default: 'Wired0', description: 'OCPPInterfaceEnumType' },
    messageTimeout: { type: 'integer', minimum: 1, maximum: 2_147_483_647, default: 30, description: 'Seconds' },
  },
} as const;

/** The registration with its new profile, everything else as it is. */
function upgradedRecord(options: AppOptions, current: ChargePointView, profile: number, by: string): ChargePoint {
  return {
    id: current.id, name: current.name, location: current.location, site: current.site,
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

/**
 * The calls of the station's version, each checked against its schema, for `to`. A 2.0.1
 * station keeps the slots it had (its reported NetworkConfigurationPriority) behind the new one.
 */
async function callsFor(options: AppOptions, validator: CommandValidator, current: ChargePointView, body: UpgradeBody): Promise<UpgradeCall[]> {
  const version = commandVersion(current.protocol);
  const network = body.networkProfile;
  if (version === 'ocpp1.6') {
    if (network !== undefined) throw new ApiError('VALIDATION_FAILED', `body/networkProfile: ${current.id} speaks OCPP 1.6, which has no network profiles; leave it out`);
    return upgradeCalls(version, body.securityProfile, undefined, null);
  }
  if (network === undefined) {
    throw new ApiError('VALIDATION_FAILED', `body/networkProfile is required: ${current.id} speaks OCPP 2.0.1, which connects at a new security profile through a new network profile`);
  }
  const problem = networkProfileProblem(body.securityProfile, network);
  if (problem !== null) throw new ApiError('VALIDATION_FAILED', problem);
  const reported = await findDeviceModel(options.pool, current.id, { ...NETWORK_PRIORITY, limit: 10, offset: 0 });
  const priority = reported.variables.find((v) => v.attributeType === 'Actual')?.value ?? null;
  const calls = upgradeCalls(version, body.securityProfile, network, priority);
  for (const call of calls) {
    const check = validator.validate(call.action, call.payload, version);
    if (!check.ok) throw new ApiError('VALIDATION_FAILED', `body/networkProfile makes an invalid ${call.action}: ${check.message}`);
  }
  return calls;
}

interface Sent { readonly action: string; readonly id: string; readonly command: CommandView | undefined }

/** Sends the calls one at a time; the first that is not Accepted (or not answered in time) ends the upgrade. */
async function upgrade(options: AppOptions, current: ChargePointView, calls: readonly UpgradeCall[], query: CommandQuery, by: string): Promise<{ upgraded: boolean; sent: Sent[] }> {
  const sent: Sent[] = [];
  for (const call of calls) {
    const id = await requestCommand(options, {
      chargePointId: current.id, action: call.action, payload: call.payload, timeoutSeconds: query.timeout, requestedBy: by,
    });
    const command = await awaitFinal(options, id, query.wait);
    sent.push({ action: call.action, id, command });
    // Accepted (or RebootRequired, or a Reset Scheduled, which the commands read model also counts as Accepted).
    if (command?.status !== 'Accepted') return { upgraded: false, sent };
  }
  return { upgraded: true, sent };
}

async function recordUpgrade(options: AppOptions, current: ChargePointView, to: number, by: string): Promise<void> {
  const record = upgradedRecord(options, current, to, by);
  const expected = new Date(record.updatedAt).toISOString();
  await writeConfig(options, {
    topic: 'chargePoints', key: record.id, value: await options.serde.encode('chargePoints', record),
    read: () => findChargePoint(options.pool, record.id), shows: (row) => row?.updatedAt === expected,
  });
}

function registerSecurityProfile(app: FastifyInstance, options: AppOptions): void {
  const validator = createCommandValidator();
  app.post<{ Params: Params; Querystring: CommandQuery; Body: UpgradeBody }>('/charge-points/:id/security-profile', {
    config: { role: 'admin' },
    schema: {
      tags: ['charge-points'], summary: 'Move a station up to a higher security profile', params, querystring: awaitedCommandQuery,
      description: `Sends, in the version the station speaks, OCPP 1.6 ChangeConfiguration ${SECURITY_PROFILE_KEY}, or OCPP 2.0.1 SetNetworkProfile (\`networkProfile\`, required for 2.0.1), SetVariables ${NETWORK_PRIORITY.component}.${NETWORK_PRIORITY.variable} (the new slot first) and Reset OnIdle, one after the other, each awaited (\`?wait=\`, default 60 s). When the station accepts them all, the registry's securityProfile becomes the new one (200, upgraded); when it refuses one, nothing further is sent and the registry is unchanged (200, not upgraded); when one is not answered in time, 202 with that command to follow. Running the request again (once it is answered) sends the whole sequence again from its first call, those already Accepted included (for 2.0.1, a second Reset).`,
      body: {
        type: 'object', required: ['securityProfile'], additionalProperties: false,
        properties: { securityProfile, networkProfile: networkProfileBody },
      },
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
    if (to === from) return reply.code(200).send({ chargePointId: current.id, securityProfile: from, upgraded: false, command: null, commands: [] });
    const calls = await callsFor(options, validator, current, request.body);
    const by = principalOf(request).id;
    const { upgraded, sent } = await upgrade(options, current, calls, request.query, by);
    if (upgraded) await recordUpgrade(options, current, to, by);
    const last = sent[sent.length - 1]!;
    const command = last.command ?? { id: last.id, status: 'Requested' };
    const answer = {
      chargePointId: current.id, securityProfile: upgraded ? to : from, upgraded, command,
      commands: sent.map((s) => ({ action: s.action, id: s.id, status: s.command?.status ?? 'Requested' })),
    };
    return reply.code(isFinalStatus(command.status) ? 200 : 202).send(answer);
  });
}

export function registerStationSecurityRoutes(app: FastifyInstance, options: AppOptions): void {
  registerPasswordRoute(app, options);
  registerSecurityProfile(app, options);
}
