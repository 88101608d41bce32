// What routing a station's CALL needs whatever its protocol: the CALL's payload, and whether the
// version's action table lets a station send the action at all.
import type { InboundFrame, ProtocolTable } from '@csms/contracts';
import type { FrameMeta } from './deciders/context.ts';
import type { Route, RouteContext } from './route.ts';

/** Routes a CALL of one protocol version; undefined for an action its table has no station row for. */
export type CallRouter = (frame: InboundFrame, action: string, meta: FrameMeta, context: RouteContext) => Route | undefined;

/** The gateway validated the payload against the schema of its action in the station's protocol. */
export function parsePayload<T>(frame: InboundFrame): T {
  return JSON.parse(frame.payload ?? '{}') as T;
}

/** A CALL the table lets a station send, narrowed to the table's own action names. */
export function isStationAction<T extends ProtocolTable>(table: T, action: string): action is Extract<keyof T['stationCalls'], string> {
  return Object.hasOwn(table.stationCalls, action);
}
