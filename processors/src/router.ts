// Maps an ocpp.inbound record to the decider that owns it and the command it means (for a CALL,
// the decider its row in the action table of the station's protocol names, by that version's
// router: route-ocpp16.ts, route-ocpp201.ts; router.test.ts holds them to the tables). CALLs the
// gateway rejected route nowhere (it answered them); answers to CSMS calls (CALLRESULT /
// CALLERROR, even ones the gateway found invalid) and undelivered calls go to the commands decider.
import { isAnswerType, MessageType, type InboundFrame, type InboundRecord, type TableVersion } from '@csms/contracts';
import type { FrameMeta } from './deciders/context.ts';
import type { Route, RouteContext } from './route.ts';
import type { CallRouter } from './route-call.ts';
import { routeOcpp16Call } from './route-ocpp16.ts';
import { routeOcpp201Call } from './route-ocpp201.ts';

function frameMeta(frame: InboundFrame, messageId: string): FrameMeta {
  return {
    chargePointId: frame.chargePointId, at: frame.at, messageId, node: frame.node,
    connectionId: frame.connectionId, replyExpected: !frame.repliedByGateway,
  };
}

/** One router per protocol version with an action table, each reading only its own table. */
const callRouters: { readonly [V in TableVersion]: CallRouter } = {
  'ocpp1.6': routeOcpp16Call,
  'ocpp2.0.1': routeOcpp201Call,
};

function callRouterFor(protocol: string): CallRouter | undefined {
  return Object.hasOwn(callRouters, protocol) ? callRouters[protocol as TableVersion] : undefined;
}

function routeFrame(frame: InboundFrame, context: RouteContext): Route | null {
  const { messageTypeId, messageId } = frame;
  if (messageId === null) return null;
  if (isAnswerType(messageTypeId)) {
    return { decider: 'commands', command: { type: 'Answer', frame } };
  }
  // A rejected CALL was answered by the gateway with its CALLERROR.
  if (frame.rejection !== null || messageTypeId !== MessageType.Call || frame.action === null) return null;
  const meta = frameMeta(frame, messageId);
  // Only what the station's protocol lets a station send (its action table) reaches a decider.
  return callRouterFor(frame.protocol)?.(frame, frame.action, meta, context)
    ?? { decider: 'station', command: { type: 'UnsupportedAction', frame: meta, action: frame.action } };
}

export function route(record: InboundRecord, context: RouteContext): Route | null {
  switch (record.type) {
    case 'Connected':
      return { decider: 'station', command: { type: 'Connect', record } };
    case 'Disconnected':
      return { decider: 'station', command: { type: 'Disconnect', record } };
    case 'Frame':
      return routeFrame(record, context);
    case 'CallUndelivered':
      return { decider: 'commands', command: { type: 'Undelivered', record } };
    default: {
      const _exhaustive: never = record;
      return _exhaustive;
    }
  }
}
