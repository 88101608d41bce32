// Delivers a frame from ocpp.outbound to the socket this node holds for its charge point.
// A frame for a socket that has gone is dropped and counted (DESIGN: routing).
import type { OutboundFrame } from '@csms/contracts';
import type { ConnectionRegistry } from './connection-registry.ts';

export type DispatchOutcome = 'sent' | 'no-connection' | 'connection-replaced' | 'socket-closed' | 'wrong-node';

export interface OutboundDispatcherOptions {
  readonly node: number;
  readonly registry: ConnectionRegistry;
}

export interface OutboundDispatcher {
  dispatch(frame: OutboundFrame): DispatchOutcome;
}

export function createOutboundDispatcher({ node, registry }: OutboundDispatcherOptions): OutboundDispatcher {
  return {
    dispatch(frame) {
      if (frame.node !== node) return 'wrong-node';
      const connection = registry.get(frame.chargePointId);
      if (!connection) return 'no-connection';
      // A reply to a CALL made on an older connection must not reach a newer one.
      if (frame.connectionId !== null && frame.connectionId !== connection.connectionId) return 'connection-replaced';
      switch (frame.frameType) {
        case 'CallResult':
        case 'CallError':
          return connection.send(frame.raw) ? 'sent' : 'socket-closed';
        case 'Call':
          // Where "one outstanding CSMS CALL per connection" (OCPP-J 1.6 §4.1.1 allows only
          // one) will queue it with a bound and a timeout; for now it is sent at once.
          return connection.send(frame.raw) ? 'sent' : 'socket-closed';
        default: {
          const _exhaustive: never = frame.frameType;
          return _exhaustive;
        }
      }
    },
  };
}
