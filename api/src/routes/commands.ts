// Remote commands: POST writes CommandRequested to csms.command-requests (processors send it
// to the station); the lifecycle is read back from the commands read model.
import type { FastifyInstance } from 'fastify';
import { CSMS_COMMAND_ACTIONS } from '@csms/contracts';
import { findCommand, isFinalStatus, listCommands, type CommandStatus } from '@csms/projections/commands/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { commandExamplesMarkdown } from '../command-examples.ts';
import { awaitFinal, requestCommand } from '../command-requests.ts';
import { commandAction, commandStatusQuery, commandView, timeoutQuery, waitQuery } from '../command-schemas.ts';
import { createCommandValidator, isCommandAction } from '../command-validator.ts';
import { ApiError } from '../errors.ts';
import { chargePointIdString, errorResponses, pageOf, pageQuery } from '../schemas.ts';
import { dedicatedRouteOf, sealedValuePath } from '../station-credentials.ts';

const chargePointParams = { type: 'object', required: ['id'], properties: { id: chargePointIdString } } as const;

const postDescription = `Sends a CSMS-initiated OCPP 1.6 message to the charge point. The body is the OCPP request of
\`action\`, validated against the official schema \`urn:{action}.req\`. Answers 202 at once; with \`?wait=\` it waits
for the final status (Accepted, Rejected, Failed, TimedOut, NotConnected). ChangeConfiguration of \`AuthorizationKey\`
and \`SecurityProfile\` goes through the station's password and security-profile routes instead, and a string starting
with \`sealed:v1:\` is refused anywhere in the body (only the password route sends a sealed value). Example bodies:

${commandExamplesMarkdown()}`;

function registerPost(app: FastifyInstance, options: AppOptions): void {
  const validator = createCommandValidator();
  app.post<{
    Params: { id: string; action: string }; Querystring: { timeout: number; wait?: number }; Body: Record<string, unknown> | null;
  }>('/charge-points/:id/commands/:action', {
    config: { role: 'operator' },
    // Validation errors are attached, not thrown, so an unknown action is a 404 rather than a 400.
    attachValidation: true,
    schema: {
      tags: ['commands'], summary: 'Send an OCPP 1.6 command', description: postDescription,
      params: { type: 'object', required: ['id', 'action'], properties: { id: chargePointIdString, action: commandAction } },
      querystring: { type: 'object', additionalProperties: false, properties: { ...timeoutQuery, ...waitQuery } },
      body: { type: 'object', nullable: true, additionalProperties: true, description: 'The OCPP 1.6 request of `action` (no body = {})' },
      response: { 200: commandView, 202: commandView, ...errorResponses('UNKNOWN_ACTION', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const { id: chargePointId, action } = request.params;
    if (!isCommandAction(action)) {
      throw new ApiError('UNKNOWN_ACTION', `unknown command '${action}'; one of ${CSMS_COMMAND_ACTIONS.join(', ')}`);
    }
    if (request.validationError) throw request.validationError;
    const body = request.body ?? {};
    // Before schema validation, whose messages may quote the value (a password, here).
    const dedicated = dedicatedRouteOf(action, body);
    if (dedicated !== null) throw new ApiError('VALIDATION_FAILED', dedicated);
    const sealed = sealedValuePath(body);
    if (sealed !== null) throw new ApiError('VALIDATION_FAILED', `${sealed}: sealed values are sent only by PUT /charge-points/{id}/password`);
    const check = validator.validate(action, body);
    if (!check.ok) throw new ApiError('VALIDATION_FAILED', check.message);
    const commandId = await requestCommand(options, {
      chargePointId, action, payload: body, timeoutSeconds: request.query.timeout, requestedBy: principalOf(request).id,
    });
    const wait = request.query.wait;
    const latest = wait === undefined ? undefined : await awaitFinal(options, commandId, wait);
    if (latest !== undefined && isFinalStatus(latest.status)) return reply.code(200).send(latest);
    return reply.code(202).send(latest ?? { id: commandId, status: 'Requested' });
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
