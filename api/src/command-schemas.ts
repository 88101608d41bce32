// JSON schemas of the command routes (requests, responses, OpenAPI).
import { COMMAND_STATUSES } from '@csms/projections/commands/queries.ts';
import { COMMAND_ACTIONS } from './command-actions.ts';
import { nullableInt, nullableStr, nullableTime, str } from './schemas.ts';

export const MAX_WAIT_SECONDS = 60;
const MAX_TIMEOUT_SECONDS = 300;

export const commandStatus = { type: 'string', enum: [...COMMAND_STATUSES] } as const;
export const commandAction = { type: 'string', enum: [...COMMAND_ACTIONS] } as const;

export const waitQuery = {
  wait: {
    type: 'integer', minimum: 0, maximum: MAX_WAIT_SECONDS,
    description: 'Seconds to wait for the final status (200); 202 with the latest known state when it does not come in time.',
  },
} as const;

export const timeoutQuery = {
  timeout: {
    type: 'integer', minimum: 1, maximum: MAX_TIMEOUT_SECONDS, default: 30,
    description: 'Seconds the station has to answer before the command is TimedOut.',
  },
} as const;

/** The query of a route that sends a command and waits for its outcome, a minute unless told otherwise. */
export const awaitedCommandQuery = {
  type: 'object', additionalProperties: false,
  properties: { ...timeoutQuery, wait: { ...waitQuery.wait, default: MAX_WAIT_SECONDS } },
} as const;

export const commandView = {
  type: 'object',
  required: ['id', 'status'],
  properties: {
    id: str, chargePointId: str, action: str,
    payload: { description: 'The OCPP request as sent (null when its request was never seen)' },
    timeoutSeconds: nullableInt, status: commandStatus,
    response: { description: 'The OCPP response (CALLRESULT payload), when the station answered one' },
    errorCode: nullableStr, errorDescription: nullableStr,
    requestedAt: nullableTime, requestedBy: { ...nullableStr, description: 'Who asked: key:<API key id> or sub:<token subject>' },
    sentAt: nullableTime, completedAt: nullableTime,
    node: nullableInt, connectionId: nullableStr, messageId: nullableStr,
  },
} as const;

/** What POST /charge-points/{id}/commands/{action} answers: the command, and what the api filled in. */
export const postedCommandView = {
  ...commandView,
  properties: {
    ...commandView.properties,
    remoteStartId: {
      type: 'integer',
      description: 'RequestStartTransaction (OCPP 2.0.1): the remoteStartId sent, given or filled in; GET /transactions?remoteStartId= finds the transaction it started',
    },
  },
} as const;

export const commandStatusQuery = { status: commandStatus } as const;
