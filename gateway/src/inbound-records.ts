// The records the gateway writes to ocpp.inbound, built from what it knows about a connection.
import type {
  InboundCallUndelivered, InboundConnected, InboundDisconnected, InboundFrame, UndeliveredReason,
} from '@csms/contracts';
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
    repliedByGateway: decision.kind === 'gateway-answered', rawTruncated: null,
  };
}

export interface UndeliveredCall {
  readonly chargePointId: string;
  readonly node: number;
  /** Null when an outbound CALL named no connection and this node holds none. */
  readonly connectionId: string | null;
  readonly messageId: string;
  readonly reason: UndeliveredReason;
}

export function undeliveredRecord(call: UndeliveredCall, at: number): InboundCallUndelivered {
  return {
    type: 'CallUndelivered', chargePointId: call.chargePointId, node: call.node, connectionId: call.connectionId, at,
    messageId: call.messageId, reason: call.reason,
  };
}
