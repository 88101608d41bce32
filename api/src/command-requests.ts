// Writing an operator's command to csms.command-requests (processors send it to the station)
// and waiting, when asked to, for the outcome the commands read model shows.
import { randomUUID } from 'node:crypto';
import type { CommandRequested } from '@csms/contracts';
import { findCommand, isFinalStatus, type CommandView } from '@csms/projections/commands/queries.ts';
import type { AppOptions } from './app-options.ts';
import type { CommandAction } from './command-actions.ts';
import { awaitVisible } from './read-your-writes.ts';

interface CommandToRequest {
  readonly chargePointId: string;
  readonly action: CommandAction;
  /** The OCPP request, already valid against its schema. */
  readonly payload: object;
  readonly timeoutSeconds: number;
  /** The principal id (key:<id>, sub:<subject>). */
  readonly requestedBy: string;
  /** An id chosen before (something in the payload derives from it); a new UUID otherwise. */
  readonly commandId?: string;
}

/** Writes CommandRequested keyed by the charge point (co-partitioned with ocpp.inbound); answers its id. */
export async function requestCommand(options: AppOptions, command: CommandToRequest): Promise<string> {
  const record: CommandRequested = {
    type: 'CommandRequested', chargePointId: command.chargePointId, at: options.clock(), commandId: command.commandId ?? randomUUID(),
    action: command.action, payload: JSON.stringify(command.payload), timeoutSeconds: command.timeoutSeconds,
    requestedBy: command.requestedBy,
  };
  await options.writer.write({ topic: 'commandRequests', key: record.chargePointId, value: await options.serde.encode('commandRequests', record) });
  return record.commandId;
}

/** Polls the read model until the command has a final status or `waitSeconds` have passed. */
export async function awaitFinal(options: AppOptions, id: string, waitSeconds: number): Promise<CommandView | undefined> {
  const result = await awaitVisible(() => findCommand(options.pool, id), (v) => v !== undefined && isFinalStatus(v.status), {
    timeoutMs: waitSeconds * 1_000, intervalMs: options.readYourWrites.intervalMs, clock: options.clock,
  });
  return result.value;
}
