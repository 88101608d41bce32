// Remote commands: POST writes CommandRequested to csms.command-requests (processors send it
// to the station); the lifecycle is read back from the commands read model.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { findCommand, isFinalStatus, listCommands, type CommandStatus } from '@csms/projections/commands/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { COMMAND_ACTIONS, commandVersion, isCommandAction, notInVersion } from '../command-actions.ts';
import { completedCommand } from '../command-completion.ts';
import { commandExamplesMarkdown } from '../command-examples.ts';
import { awaitFinal, requestCommand } from '../command-requests.ts';
import { commandAction, commandStatusQuery, commandView, postedCommandView, timeoutQuery, waitQuery } from '../command-schemas.ts';
import { createCommandValidator } from '../command-validator.ts';
import { ApiError } from '../errors.ts';
import { chargePointIdString, errorResponses, pageOf, pageQuery } from '../schemas.ts';
import { dedicatedRouteOf, sealedValuePath } from '../station-credentials.ts';

const chargePointParams = { type: 'object', required: ['id'], properties: { id: chargePointIdString } } as const;

const postDescription = `Sends a CSMS-initiated OCPP message to the charge point, in the version it speaks: the subprotocol
of its latest connection (\`protocol\` in GET /charge-points/{id}); a station never seen is sent OCPP 1.6, as before 2.0.1.
The body is the OCPP request of \`action\` in that version (the OCPP 1.6 request for a 1.6 station, the 2.0.1 request
for a 2.0.1 one), validated against its official schema \`urn:{action}.req\`. A command the station's version does not
have is refused (400 \`COMMAND_NOT_IN_PROTOCOL\`), naming the command to use instead when there is one. A 2.0.1
RequestStartTransaction without \`remoteStartId\` gets one (a positive int32 derived from the command id), answered as
\`remoteStartId\`: \`GET /transactions?remoteStartId=\` finds the transaction it started. Answers 202 at once; with
\`?wait=\` it waits for the final status (Accepted, Rejected, Failed, TimedOut, NotConnected). ChangeConfiguration of
\`AuthorizationKey\` and \`SecurityProfile\` goes through the station's password and security-profile routes instead,
SetVariables of \`SecurityCtrlr.BasicAuthPassword\` is refused, and a string starting with \`sealed:v1:\` is refused
anywhere in the body (only the password route sends a sealed value). Example bodies:

${commandExamplesMarkdown()}`;

/** The refusals that hold in every version, before the station's version is looked up. */
function checkGenericRoute(action: string, body: Record<string, unknown>): void {
  // Before schema validation, whose messages may quote the value (a password, here).
  const dedicated = dedicatedRouteOf(action, body);
  if (dedicated !== null) throw new ApiError('VALIDATION_FAILED', dedicated);
  const sealed = sealedValuePath(body);
  if (sealed !== null) throw new ApiError('VALIDATION_FAILED', `${sealed}: sealed values are sent only by PUT /charge-points/{id}/password`);
}

function registerPost(app: FastifyInstance, options: AppOptions): void {
  const validator = createCommandValidator();
  app.post<{
    Params: { id: string; action: string }; Querystring: { timeout: number; wait?: number }; Body: Record<string, unknown> | null;
  }>('/charge-points/:id/commands/:action', {
    config: { role: 'operator' },
    // Validation errors are attached, not thrown, so an unknown action is a 404 rather than a 400.
    attachValidation: true,
    schema: {
      tags: ['commands'], summary: 'Send an OCPP command in the version the station speaks', description: postDescription,
      params: { type: 'object', required: ['id', 'action'], properties: { id: chargePointIdString, action: commandAction } },
      querystring: { type: 'object', additionalProperties: false, properties: { ...timeoutQuery, ...waitQuery } },
      body: {
        type: 'object', nullable: true, additionalProperties: true,
        description: 'The OCPP request of `action` in the version the station speaks: the OCPP 1.6 request for a 1.6 station, the 2.0.1 request for a 2.0.1 one (no body = {})',
      },
      response: { 200: postedCommandView, 202: postedCommandView, ...errorResponses('UNKNOWN_ACTION', 'COMMAND_NOT_IN_PROTOCOL', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const { id: chargePointId, action } = request.params;
    if (!isCommandAction(action)) {
      throw new ApiError('UNKNOWN_ACTION', `unknown command '${action}'; one of ${COMMAND_ACTIONS.join(', ')}`);
    }
    if (request.validationError) throw request.validationError;
    checkGenericRoute(action, request.body ?? {});
    const version = commandVersion(await options.stationProtocol(chargePointId));
    const refusal = notInVersion(chargePointId, version, action);
    if (refusal !== null) throw new ApiError('COMMAND_NOT_IN_PROTOCOL', refusal);
    const commandId = randomUUID();
    const { payload, remoteStartId } = completedCommand(action, request.body ?? {}, commandId);
    const check = validator.validate(action, payload, version);
    if (!check.ok) throw new ApiError('VALIDATION_FAILED', check.message, check.problems);
    await requestCommand(options, {
      chargePointId, action, payload, timeoutSeconds: request.query.timeout, requestedBy: principalOf(request).id, commandId,
    });
    const filled = remoteStartId === null ? {} : { remoteStartId };
    const wait = request.query.wait;
    const latest = wait === undefined ? undefined : await awaitFinal(options, commandId, wait);
    if (latest !== undefined && isFinalStatus(latest.status)) return reply.code(200).send({ ...latest, ...filled });
    return reply.code(202).send({ ...(latest ?? { id: commandId, status: 'Requested' }), ...filled });
  });
}

function registerReads(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Params: { id: string }; Querystring: { wait?: number } }>('/commands/:id', {
    config: { role: 'viewer' },
    schema: {
      tags: ['commands'], summary: 'A command and its lifecycle',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } },
      querystring: { type: 'object', additionalProperties: false, properties: waitQuery },
      response: { 200: commandView, 202: commandView, ...errorResponses('COMMAND_NOT_FOUND') },
    },
  }, async (request, reply) => {
    const { wait } = request.query;
    const command = wait === undefined ? await findCommand(options.pool, request.params.id) : await awaitFinal(options, request.params.id, wait);
    if (command === undefined) throw new ApiError('COMMAND_NOT_FOUND', `command ${request.params.id} not found`);
    return reply.code(wait === undefined || isFinalStatus(command.status) ? 200 : 202).send(command);
  });

  app.get<{ Params: { id: string }; Querystring: { status?: CommandStatus; limit: number; offset: number } }>('/charge-points/:id/commands', {
    config: { role: 'viewer' },
    schema: {
      tags: ['commands'], summary: "A charge point's commands, newest first", params: chargePointParams,
      querystring: { type: 'object', additionalProperties: false, properties: { ...commandStatusQuery, ...pageQuery } },
      response: { 200: pageOf(commandView), ...errorResponses() },
    },
  }, async (request) => {
    const { limit, offset, status } = request.query;
    const page = await listCommands(options.pool, { chargePointId: request.params.id, limit, offset, ...(status === undefined ? {} : { status }) });
    return { ...page, limit, offset };
  });
}

export function registerCommandRoutes(app: FastifyInstance, options: AppOptions): void {
  registerPost(app, options);
  registerReads(app, options);
}
