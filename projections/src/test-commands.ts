// Realistic command lifecycle events shared by the unit and integration tests.
import type { CommandCompleted, CommandOutcome, CommandRequested, CommandSent } from '@csms/contracts';

export function commandRequested(chargePointId: string, commandId: string, at: number, action = 'Reset', payload: object = { type: 'Soft' }): CommandRequested {
  return { type: 'CommandRequested', chargePointId, at, commandId, action, payload: JSON.stringify(payload), timeoutSeconds: 30, requestedBy: null };
}

export function commandSent(chargePointId: string, commandId: string, at: number, action = 'Reset'): CommandSent {
  return { type: 'CommandSent', chargePointId, at, commandId, action, node: 1, connectionId: `${chargePointId}-c1`, messageId: commandId };
}

export function commandCompleted(
  chargePointId: string, commandId: string, at: number, outcome: CommandOutcome = 'Accepted', action = 'Reset',
): CommandCompleted {
  const failed = outcome === 'Failed';
  return {
    type: 'CommandCompleted', chargePointId, at, commandId, action, outcome,
    response: outcome === 'Accepted' || outcome === 'Rejected' ? JSON.stringify({ status: outcome }) : null,
    errorCode: failed ? 'NotSupported' : null,
    errorDescription: failed ? 'Reset is not supported' : null,
  };
}
