// The records the gateway writes to ocpp.inbound, built from what it knows about a connection.
import type {
  InboundCallUndelivered, InboundConnected, InboundDisconnected, InboundFrame, UndeliveredReason,
} from '@csms/contracts';
import type { SecurityProfile } from './auth/auth-decision.ts';
import type { FrameDecision, Rejection } from './frame-decider.ts';
import { auditBinary, type AuditedRaw } from './raw-audit.ts';

export interface ConnectionFacts {
  readonly chargePointId: string;
  readonly node: number;
  readonly connectionId: string;
  readonly protocol: string;
  readonly remoteAddress: string | null;
  /** The security profile the upgrade amounted to. */
  readonly presentedProfile: SecurityProfile;
  /**
   * What the station proved at the upgrade (a station that needed to prove nothing may present
   * more than it proved); the processors sign a CSR only over a connection that proved 2 or 3.
   */
  readonly verifiedProfile: SecurityProfile;
}

export function connectedRecord(conn: ConnectionFacts, at: number): InboundConnected {
  return {
    type: 'Connected', chargePointId: conn.chargePointId, node: conn.node, connectionId: conn.connectionId, at,
    protocol: conn.protocol, remoteAddress: conn.remoteAddress, securityProfile: conn.verifiedProfile,
  };
}

export function disconnectedRecord(conn: ConnectionFacts, at: number, code: number, reason: string): InboundDisconnected {
  return {
    type: 'Disconnected', chargePointId: conn.chargePointId, node: conn.node, connectionId: conn.connectionId, at,
    code, reason,
  };
}

/**
 * The payload as JSON text where processors act on it: a CALL they answer or derive events
 * from, the answer to their own CALL. A rejected frame, or an answer no one awaits, keeps
 * only its (capped) raw text: what failed the value rules never reaches a consumer.
 */
function keptPayload(decision: FrameDecision): string | null {
  switch (decision.kind) {
    case 'forwarded':
    case 'gateway-answered':
    case 'answer':
      return decision.facts.payload;
    case 'rejected':
    case 'response':
      return null;
    default: {
      const _exhaustive: never = decision;
      return _exhaustive;
    }
  }
}

export function frameRecord(conn: ConnectionFacts, at: number, audited: AuditedRaw, decision: FrameDecision): InboundFrame {
  return {
    type: 'Frame', chargePointId: conn.chargePointId, node: conn.node, connectionId: conn.connectionId, at,
    protocol: conn.protocol, ...audited, ...decision.facts, payload: keptPayload(decision),
    rejection: decision.kind === 'rejected' ? decision.rejection : null,
    repliedByGateway: decision.kind === 'gateway-answered',
  };
}

/** A binary frame: its length and hash, no payload, and why the socket was closed. */
export function binaryFrameRecord(conn: ConnectionFacts, at: number, bytes: Buffer, rejection: Rejection): InboundFrame {
  return {
    type: 'Frame', chargePointId: conn.chargePointId, node: conn.node, connectionId: conn.connectionId, at,
    protocol: conn.protocol, ...auditBinary(bytes), messageTypeId: null, messageId: null, action: null, payload: null,
    rejection, repliedByGateway: false,
  };
}

interface UndeliveredCall {
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
