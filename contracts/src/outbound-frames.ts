// The OutboundFrame record (ocpp.outbound) carries a frame's parts, written by the processors;
// only the gateway turns them into OCPP-J text, with the one framer. Records written before the
// structured fields carry the text in `raw` instead, which is then sent as it is.
import type { OutboundFrame } from './generated/avro-types.ts';
import { MessageType, parseFrame, serializeFrame, type OcppFrame } from './ocpp-framer.ts';

/** The answer a processor gives to a station's CALL. */
export type ReplyBody =
  | { readonly kind: 'CallResult'; readonly payload: object }
  | { readonly kind: 'CallError'; readonly errorCode: string; readonly description: string };

/** Where a frame goes: the socket of a charge point on one gateway node, and when it was decided. */
export interface OutboundTarget {
  readonly chargePointId: string;
  readonly node: number;
  /** Set for a reply: it is dropped if that connection has gone. */
  readonly connectionId: string | null;
  readonly at: number;
}

export interface OutboundCallParts {
  readonly messageId: string;
  readonly action: string;
  /** The payload as JSON text. */
  readonly payloadJson: string;
  readonly deadline: number | null;
}

const noParts = { raw: '', action: null, payload: null, errorCode: null, errorDescription: null, errorDetails: null } as const;

function targetOf(to: OutboundTarget) {
  return { chargePointId: to.chargePointId, node: to.node, connectionId: to.connectionId, at: to.at };
}

/** A CALLRESULT, or a CALLERROR without details (sent as an empty object, OCPP-J 1.6 §4.2.3). */
export function outboundReply(to: OutboundTarget, messageId: string, body: ReplyBody): OutboundFrame {
  const common = { ...targetOf(to), ...noParts, messageId, deadline: null };
  switch (body.kind) {
    case 'CallResult':
      return { ...common, frameType: 'CallResult', payload: JSON.stringify(body.payload) };
    case 'CallError':
      return { ...common, frameType: 'CallError', errorCode: body.errorCode, errorDescription: body.description };
    default: {
      const _exhaustive: never = body;
      return _exhaustive;
    }
  }
}

/** A CSMS-initiated CALL (OCPP-J 1.6 §4.2.1), with the deadline of the command it carries. */
export function outboundCall(to: OutboundTarget, call: OutboundCallParts): OutboundFrame {
  return {
    ...targetOf(to), ...noParts, frameType: 'Call', messageId: call.messageId, action: call.action, payload: call.payloadJson,
    deadline: call.deadline,
  };
}

function parsedJson(text: string | null, absent: unknown): { value: unknown } | null {
  if (text === null) return { value: absent };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

/** The frame from the structured fields: undefined when the record has none (legacy), null when they do not make a frame. */
function structuredFrame(frame: OutboundFrame): OcppFrame | null | undefined {
  const { messageId, action, payload, errorCode, errorDescription } = frame;
  switch (frame.frameType) {
    case 'Call': {
      if (action === null && payload === null) return undefined;
      const parsed = parsedJson(payload, undefined);
      return action === null || payload === null || parsed === null ? null
        : { messageTypeId: MessageType.Call, messageId, action, payload: parsed.value };
    }
    case 'CallResult': {
      if (payload === null) return undefined;
      const parsed = parsedJson(payload, undefined);
      return parsed === null ? null : { messageTypeId: MessageType.CallResult, messageId, payload: parsed.value };
    }
    case 'CallError': {
      if (errorCode === null && errorDescription === null) return undefined;
      const details = parsedJson(frame.errorDetails, {});
      return errorCode === null || errorDescription === null || details === null ? null
        : { messageTypeId: MessageType.CallError, messageId, errorCode, errorDescription, errorDetails: details.value };
    }
    default: {
      const _exhaustive: never = frame.frameType;
      return _exhaustive;
    }
  }
}

/** The frame read from a legacy record's text, if it is one of the record's type and messageId. */
function legacyFrame(frame: OutboundFrame): OcppFrame | null {
  const parsed = parseFrame(frame.raw);
  if (!parsed.ok) return null;
  const { messageTypeId, messageId } = parsed.frame;
  return messageTypeId === MessageType[frame.frameType] && messageId === frame.messageId ? parsed.frame : null;
}

export interface ReadOutboundFrame {
  readonly frame: OcppFrame;
  /** The OCPP-J text to send. */
  readonly text: string;
}

/**
 * The OCPP frame a record carries and its text: from the structured fields when it has them, else
 * from the legacy `raw`, whose text is kept byte for byte. Null when neither makes a frame of the
 * record's type and messageId.
 */
export function readOutboundFrame(frame: OutboundFrame): ReadOutboundFrame | null {
  const structured = structuredFrame(frame);
  if (structured === null) return null;
  if (structured !== undefined) return { frame: structured, text: serializeFrame(structured) };
  const legacy = legacyFrame(frame);
  return legacy === null ? null : { frame: legacy, text: frame.raw };
}

export function ocppFrameOf(frame: OutboundFrame): OcppFrame | null {
  return readOutboundFrame(frame)?.frame ?? null;
}

/** The OCPP-J text the gateway sends for a record; null when it carries no frame. */
export function outboundFrameText(frame: OutboundFrame): string | null {
  return readOutboundFrame(frame)?.text ?? null;
}
