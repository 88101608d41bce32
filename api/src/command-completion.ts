// What the api adds to an operator's command before it is validated and sent.
//
// RequestStartTransaction (OCPP 2.0.1 F01, F02) requires a remoteStartId: the station names it
// in the TransactionEvent of the transaction the request started, which is how that transaction
// is found (GET /transactions?remoteStartId=). An operator who gives none gets one derived from
// the command's id, so the command's record and its answer carry it too.
import type { CommandAction } from './command-actions.ts';

interface CompletedCommand {
  readonly payload: Record<string, unknown>;
  /** The remoteStartId a RequestStartTransaction carries (given or filled in); null for any other command. */
  readonly remoteStartId: number | null;
}

/** A positive int32 from the command id's first 32 bits (a random UUID's are random). */
export function remoteStartIdOf(commandId: string): number {
  const bits = Number.parseInt(commandId.replaceAll('-', '').slice(0, 8), 16);
  return (bits % 2_147_483_647) + 1;
}

export function completedCommand(action: CommandAction, body: Record<string, unknown>, commandId: string): CompletedCommand {
  if (action !== 'RequestStartTransaction') return { payload: body, remoteStartId: null };
  if (body.remoteStartId !== undefined) {
    return { payload: body, remoteStartId: typeof body.remoteStartId === 'number' ? body.remoteStartId : null };
  }
  const remoteStartId = remoteStartIdOf(commandId);
  return { payload: { ...body, remoteStartId }, remoteStartId };
}
