// PUT /charge-points/{id}/password sets a station's password. With setOnStation it follows the
// OCPP 1.6 Security Whitepaper's "Update Charge Point Password for HTTP Basic Authentication"
// (2.0.1: A01): the new password is sent sealed, as ChangeConfiguration(AuthorizationKey) to a 1.6
// station and SetVariables(SecurityCtrlr.BasicAuthPassword) to a 2.0.1 one
// (station-password-call.ts), and the route waits for the station's answer, as the
// security-profile route does. The writes come in this order;
// what a crash of the api at each point leaves:
// 1. the rotated credential: the new password current, the previous one valid for the grace
//    period. Crash before it: nothing changed. Crash after it: both open a connection until the
//    grace period ends while the station still has the previous one; the caller got no answer
//    and must set the password again before then.
// 2. the command. Crash after it: as a 202 (below), the command's outcome in GET /commands/{id}.
// 3. on a final outcome other than Accepted, the credential undone (undoRotation). Crash before
//    it: as a 202.
// Never the command first: a station that took a password the registry does not hold yet would
// be refused when it reconnects, and a crash in between would lock it out for good.
import type { FastifyInstance } from 'fastify';
import { AUTHORIZATION_KEY, BASIC_AUTH_PASSWORD, type StationCredential } from '@csms/contracts';
import type { SecretSealer } from '@csms/infra';
import { findChargePoint, type ChargePointView } from '@csms/projections/charge-points/queries.ts';
import { isFinalStatus, type CommandView } from '@csms/projections/commands/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { commandVersion } from '../command-actions.ts';
import { awaitFinal, requestCommand } from '../command-requests.ts';
import { awaitedCommandQuery, commandView } from '../command-schemas.ts';
import { nextUpdatedAt, writeConfig } from '../config-writes.ts';
import { ApiError } from '../errors.ts';
import { basicAuthPassword, chargePointIdString, errorResponses, nullableStr, nullableTime } from '../schemas.ts';
import {
  checkStationPassword, replacedCredential, rotatedCredential, undoRotation, type RotationUndo,
} from '../station-credentials.ts';
import { sealedPasswordCall } from '../station-password-call.ts';
import { existingChargePoint } from './station-facts.ts';

interface PasswordBody { basicAuthPassword: string; setOnStation: boolean }
interface PasswordQuery { timeout: number; wait: number }

const passwordAnswer = {
  type: 'object', required: ['chargePointId', 'passwordSetAt', 'previousValidUntil', 'commandId', 'command', 'rotated', 'detail'],
  properties: {
    chargePointId: { type: 'string' },
    passwordSetAt: { ...nullableTime, description: 'When the current password was set (null: none)' },
    previousValidUntil: { ...nullableTime, description: 'Until when another password still opens a connection' },
    commandId: { ...nullableStr, description: `The ChangeConfiguration(${AUTHORIZATION_KEY}) or SetVariables(${BASIC_AUTH_PASSWORD}) command, with setOnStation` },
    command: { anyOf: [commandView, { type: 'null' }] },
    rotated: {
      type: ['boolean', 'null'],
      description: 'With setOnStation: true once the station accepted the new password; false otherwise (null without setOnStation)',
    },
    detail: { ...nullableStr, description: 'What the operator should know when the station did not accept (yet)' },
  },
} as const;

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** The credential as it stands: the read model shows it once its time and grace period are there. */
async function writeCredential(options: AppOptions, id: string, credential: StationCredential | null): Promise<boolean> {
  const { visible } = await writeConfig(options, {
    topic: 'stationCredentials', key: id,
    value: credential === null ? null : await options.serde.encode('stationCredentials', credential),
    read: () => findChargePoint(options.pool, id),
    shows: (row: ChargePointView | undefined) => (credential === null ? row?.passwordSet === false
      : row?.passwordSetAt === iso(credential.updatedAt) && row.previousPasswordValidUntil === iso(credential.previousValidUntil)),
  });
  return visible;
}

async function newCredential(options: AppOptions, current: ChargePointView, body: PasswordBody, by: string): Promise<StationCredential> {
  const { credentials, hashPassword, passwordGraceMs } = options.stationSecurity;
  const change = {
    chargePointId: current.id, passwordHash: await hashPassword(body.basicAuthPassword),
    updatedAt: nextUpdatedAt(options.clock(), current.passwordSetAt), updatedBy: by,
  };
  return body.setOnStation ? rotatedCredential(change, credentials.get(current.id), passwordGraceMs) : replacedCredential(change);
}

interface Rotation {
  readonly credential: StationCredential | null;
  readonly commandId: string;
  readonly command: CommandView | undefined;
  readonly rotated: boolean;
  readonly detail: string | null;
}

/** The credential an undo leaves, and what the operator should hear of it. */
function undone(undo: RotationUndo, rotated: StationCredential, status: string): { credential: StationCredential | null; detail: string } {
  const outcome = `The command ended ${status}`;
  switch (undo.kind) {
    case 'restore':
      return { credential: undo.credential, detail: `${outcome}: the previous password is current again.` };
    case 'demote':
      return {
        credential: undo.credential,
        detail: `${outcome}: the previous password is current again; the new one also opens a connection until previousValidUntil, in case it reached the station.`,
      };
    case 'remove':
      return { credential: null, detail: `${outcome}: the station has no password again, as before.` };
    case 'keep':
      return { credential: rotated, detail: `${outcome} and the station had no password before: the new one stays current; check the station.` };
    default: {
      const _exhaustive: never = undo;
      return _exhaustive;
    }
  }
}

async function rotate(
  options: AppOptions, current: ChargePointView, request: { body: PasswordBody; query: PasswordQuery; by: string }, sealer: SecretSealer,
): Promise<Rotation> {
  const before = options.stationSecurity.credentials.get(current.id);
  const credential = await newCredential(options, current, request.body, request.by);
  await writeCredential(options, current.id, credential);
  const commandId = await requestCommand(options, {
    chargePointId: current.id, timeoutSeconds: request.query.timeout, requestedBy: request.by,
    ...sealedPasswordCall(commandVersion(current.protocol), current.id, request.body.basicAuthPassword, sealer),
  });
  const command = await awaitFinal(options, commandId, request.query.wait);
  if (command === undefined || !isFinalStatus(command.status)) {
    const detail = credential.previousValidUntil === null
      ? 'The station has not answered yet: follow the command (GET /commands/{id}).'
      : 'The station has not answered yet: both passwords open a connection until previousValidUntil. '
        + 'Follow the command (GET /commands/{id}); unless it ends Accepted, set the password again before then.';
    return { credential, commandId, command, rotated: false, detail };
  }
  if (command.status === 'Accepted') return { credential, commandId, command, rotated: true, detail: null };
  const undo = undoRotation(before, credential, command.status);
  const after = undone(undo, credential, command.status);
  if (undo.kind !== 'keep') await writeCredential(options, current.id, after.credential);
  return { ...after, commandId, command, rotated: false };
}

export function registerPasswordRoute(app: FastifyInstance, options: AppOptions): void {
  app.put<{ Params: { id: string }; Querystring: PasswordQuery; Body: PasswordBody }>('/charge-points/:id/password', {
    config: { role: 'admin' },
    schema: {
      tags: ['charge-points'], summary: "Set or rotate a station's password",
      description: `Without setOnStation the password is replaced at once. With it, ChangeConfiguration ${AUTHORIZATION_KEY} (OCPP 1.6) or SetVariables ${BASIC_AUTH_PASSWORD} (OCPP 2.0.1: the version of the station's latest connection) is sent sealed and the route waits (\`?wait=\`, default 60 s) for the answer: Accepted, the new password is current and the previous one works for the grace period (200, rotated); any other outcome, the previous one is current again (200, not rotated); no answer in time, both work for the grace period (202 with the command to follow).`,
      params: { type: 'object', required: ['id'], properties: { id: chargePointIdString } },
      querystring: awaitedCommandQuery,
      body: {
        type: 'object', required: ['basicAuthPassword'], additionalProperties: false,
        properties: {
          basicAuthPassword,
          setOnStation: {
            type: 'boolean', default: false,
            description: `Also send it to the station (ChangeConfiguration ${AUTHORIZATION_KEY} or, to a 2.0.1 station, SetVariables ${BASIC_AUTH_PASSWORD}; sealed); the previous password keeps working for the grace period`,
          },
        },
      },
      response: { 200: passwordAnswer, 202: passwordAnswer, ...errorResponses('CHARGE_POINT_NOT_FOUND', 'SECRETS_KEY_NOT_SET', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const { body } = request;
    checkStationPassword(body.basicAuthPassword);
    const sealer = options.stationSecurity.sealer;
    if (body.setOnStation && sealer === null) {
      throw new ApiError('SECRETS_KEY_NOT_SET', 'setOnStation needs CSMS_SECRETS_KEY (on the api and the gateway) to send the password sealed');
    }
    const current = await existingChargePoint(options, request.params.id);
    const by = principalOf(request).id;
    if (!body.setOnStation || sealer === null) {
      const credential = await newCredential(options, current, body, by);
      const visible = await writeCredential(options, current.id, credential);
      return reply.code(visible ? 200 : 202).send({
        chargePointId: current.id, passwordSetAt: iso(credential.updatedAt), previousValidUntil: iso(credential.previousValidUntil),
        commandId: null, command: null, rotated: null, detail: null,
      });
    }
    const rotation = await rotate(options, current, { body, query: request.query, by }, sealer);
    const final = rotation.command !== undefined && isFinalStatus(rotation.command.status);
    return reply.code(final ? 200 : 202).send({
      chargePointId: current.id, passwordSetAt: iso(rotation.credential?.updatedAt), previousValidUntil: iso(rotation.credential?.previousValidUntil),
      commandId: rotation.commandId, command: rotation.command ?? { id: rotation.commandId, status: 'Requested' },
      rotated: rotation.rotated, detail: rotation.detail,
    });
  });
}
