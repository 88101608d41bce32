// Row mapping from the command lifecycle events to the commands table (pure). Each step
// writes only its own columns, so the order a rebuild applies them in cannot erase another's.
import type { CommandCompleted, CommandRequested, CommandSent } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Row } from '../upsert.ts';

export function requestedRow(event: CommandRequested): Row {
  return {
    id: event.commandId,
    charge_point_id: event.chargePointId,
    action: event.action,
    payload: event.payload,
    timeout_seconds: event.timeoutSeconds,
    status: 'Requested',
    requested_at: toDate(event.at),
    requested_by: event.requestedBy,
  };
}

export function sentRow(event: CommandSent): Row {
  return {
    id: event.commandId,
    charge_point_id: event.chargePointId,
    action: event.action,
    status: 'Sent',
    sent_at: toDate(event.at),
    node: event.node,
    connection_id: event.connectionId,
    message_id: event.messageId,
  };
}

export function completedRow(event: CommandCompleted): Row {
  return {
    id: event.commandId,
    charge_point_id: event.chargePointId,
    action: event.action,
    status: event.outcome,
    response: event.response,
    error_code: event.errorCode,
    error_description: event.errorDescription,
    completed_at: toDate(event.at),
  };
}
