// The records the gateway writes to ocpp.inbound, built from what it knows about a connection.
import type { InboundConnected, InboundDisconnected, InboundFrame } from '@csms/contracts';
import type { FrameDecision } from './frame-decider.ts';

export interface ConnectionFacts {
  readonly chargePointId: string;
  readonly node: number;
  readonly connectionId: string;
  readonly protocol: string;
  readonly remoteAddress: string | null;
}

export function connectedRecord(conn: ConnectionFacts, at: number): InboundConnected {
  return {
    type: 'Connected', chargePointId: conn.chargePointId, node: conn.node, connectionId: conn.connectionId, at,
    protocol: conn.protocol, remoteAddress: conn.remoteAddress,
  };
}

export function disconnectedRecord(conn: ConnectionFacts, at: number, code: number, reason: string): InboundDisconnected {
  return {
    type: 'Disconnected', chargePointId: conn.chargePointId, node: conn.node, connectionId: conn.connectionId, at,
    code, reason,
  };
}

export function frameRecord(conn: ConnectionFacts, at: number, raw: string, decision: FrameDecision): InboundFrame {
  return {
    type: 'Frame', chargePointId: conn.chargePointId, node: conn.node, connectionId: conn.connectionId, at,
    protocol: conn.protocol, raw, ...decision.facts,
    rejection: decision.kind === 'rejected' ? decision.rejection : null,
    repliedByGateway: decision.kind === 'gateway-answered',
  };
}
