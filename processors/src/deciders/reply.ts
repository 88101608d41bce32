// A reply to a station's CALL, as an event of the decider that answered it. The runtime
// turns it into an OutboundFrame on the partition of the gateway node holding the socket.
import type { ReplyBody } from '@csms/contracts';
import type { FrameMeta } from './context.ts';

export type { ReplyBody };

export interface Replied {
  readonly type: 'Replied';
  readonly chargePointId: string;
  readonly at: number;
  readonly node: number;
  readonly connectionId: string;
  readonly messageId: string;
  readonly body: ReplyBody;
}

function replied(frame: FrameMeta, body: ReplyBody): Replied {
  const { chargePointId, at, node, connectionId, messageId } = frame;
  return { type: 'Replied', chargePointId, at, node, connectionId, messageId, body };
}

/** The CALLRESULT, or nothing when the gateway has already answered this frame. */
export function replyWith(frame: FrameMeta, payload: object): Replied[] {
  return frame.replyExpected ? [replied(frame, { kind: 'CallResult', payload })] : [];
}

export function replyWithError(frame: FrameMeta, errorCode: string, description: string): Replied[] {
  return frame.replyExpected ? [replied(frame, { kind: 'CallError', errorCode, description })] : [];
}
