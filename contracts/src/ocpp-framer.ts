// OCPP-J framing (OCPP-J 1.6 §4.1): a text frame is a JSON array
//   [2, messageId, action, payload]                     CALL
//   [3, messageId, payload]                             CALLRESULT
//   [4, messageId, errorCode, errorDescription, details] CALLERROR
// The only OCPP-J framer: parseFrame reads a frame, serializeFrame writes one. Pure, and
// parseFrame never throws, whatever the bytes.
import { exceedsJsonDepth } from './json-depth.ts';
import { isSafeText } from './value-rules.ts';

/** The MessageTypeNumbers of OCPP-J 1.6 §4.1.3; the names are the Avro OutboundFrameType symbols. */
export const MessageType = { Call: 2, CallResult: 3, CallError: 4 } as const;
export type MessageTypeName = keyof typeof MessageType;
export type MessageTypeId = (typeof MessageType)[MessageTypeName];

type AnswerTypeId = typeof MessageType.CallResult | typeof MessageType.CallError;

/** A CALLRESULT or CALLERROR: the answer to a CALL, which is never itself answered. */
export function isAnswerType(messageTypeId: number | null): messageTypeId is AnswerTypeId {
  return messageTypeId === MessageType.CallResult || messageTypeId === MessageType.CallError;
}

function isMessageTypeId(value: number): value is MessageTypeId {
  return value === MessageType.Call || isAnswerType(value);
}

/** The messageId of a CALLERROR answering a frame whose own id could not be read (as ocpp-rpc). */
export const UNREADABLE_MESSAGE_ID = '-1';

export type OcppFrame =
  | { readonly messageTypeId: typeof MessageType.Call; readonly messageId: string; readonly action: string; readonly payload: unknown }
  | { readonly messageTypeId: typeof MessageType.CallResult; readonly messageId: string; readonly payload: unknown }
  | {
      readonly messageTypeId: typeof MessageType.CallError; readonly messageId: string; readonly errorCode: string;
      readonly errorDescription: string; readonly errorDetails: unknown;
    };

/** What parseFrame can find wrong with a frame; what is wrong with its action or payload is found after it. */
export type FramingProblem =
  | 'EMPTY_FRAME' // a zero-length text frame
  | 'TOO_DEEP' // arrays and objects nested past MAX_FRAME_DEPTH
  | 'NOT_JSON'
  | 'NOT_AN_ARRAY'
  | 'BAD_MESSAGE_TYPE_ID' // element 0 is not a number
  | 'UNKNOWN_MESSAGE_TYPE' // a number other than 2, 3, 4
  | 'BAD_MESSAGE_ID' // element 1 is not a string
  | 'INCOMPLETE_FRAME' // fewer elements than the message type needs
  | 'MALFORMED_FRAME'; // too many elements, or action / error code not a string

/** What could be read from a frame, as the inbound record stores it (payload as JSON text). */
export interface FrameFacts {
  readonly messageTypeId: number | null;
  readonly messageId: string | null;
  readonly action: string | null;
  readonly payload: string | null;
}

export type ParseResult =
  | { readonly ok: true; readonly frame: OcppFrame; readonly facts: FrameFacts }
  | { readonly ok: false; readonly problem: FramingProblem; readonly description: string; readonly facts: FrameFacts };

const noFacts: FrameFacts = { messageTypeId: null, messageId: null, action: null, payload: null };
const INT32_MAX = 2 ** 31 - 1;

/**
 * The deepest legitimate frame: the frame array around a payload nested 5 levels in OCPP 1.6
 * (MeterValues.req) and 13 in 2.0.1 (ReportChargingProfiles.req), measured from the schemas in
 * ocpp-framer.test.ts. Twice the 2.0.1 depth and more, for customData stations add.
 */
export const MAX_FRAME_DEPTH = 32;

/**
 * OCPP-J 1.6 §4.1.4 allows message ids of 36 characters; firmware that pads them longer is
 * still served, but no id may carry a payload's worth of bytes into every record and reply.
 */
export const MAX_MESSAGE_ID_LENGTH = 64;
/** The longest OCPP action name is 32 characters (2.0.1 SignedFirmwareStatusNotification). */
export const MAX_ACTION_LENGTH = 64;

function isFitText(value: string, maxLength: number): boolean {
  return value.length <= maxLength && isSafeText(value);
}

function fail(problem: FramingProblem, description: string, facts: Partial<FrameFacts> = {}): ParseResult {
  return { ok: false, problem, description, facts: { ...noFacts, ...facts } };
}

function jsonText(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export function parseFrame(raw: string): ParseResult {
  if (raw.length === 0) return fail('EMPTY_FRAME', 'Empty frame');
  if (exceedsJsonDepth(raw, MAX_FRAME_DEPTH)) return fail('TOO_DEEP', `Frame nests deeper than ${MAX_FRAME_DEPTH} levels`);
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return fail('NOT_JSON', 'Frame is not valid JSON');
  }
  if (!Array.isArray(message)) return fail('NOT_AN_ARRAY', 'Frame must be a JSON array');
  const [typeId, messageId] = message as unknown[];
  if (typeof typeId !== 'number') return fail('BAD_MESSAGE_TYPE_ID', 'MessageTypeId must be a number');
  // The record stores it as an Avro int: keep only values that fit.
  const messageTypeId = Number.isInteger(typeId) && Math.abs(typeId) <= INT32_MAX ? typeId : null;
  if (!isMessageTypeId(typeId)) {
    // Its messageId, when readable, lets an OCPP 2.0.1 CALLERROR MessageTypeNotSupported answer it.
    const readableId = typeof messageId === 'string' && isFitText(messageId, MAX_MESSAGE_ID_LENGTH) ? messageId : null;
    return fail('UNKNOWN_MESSAGE_TYPE', `Unknown MessageTypeId ${typeId}`, { messageTypeId, messageId: readableId });
  }
  if (typeof messageId !== 'string') return fail('BAD_MESSAGE_ID', 'MessageId must be a string', { messageTypeId });
  if (!isFitText(messageId, MAX_MESSAGE_ID_LENGTH)) {
    return fail('BAD_MESSAGE_ID', `MessageId must be at most ${MAX_MESSAGE_ID_LENGTH} characters of text`, { messageTypeId });
  }
  switch (typeId) {
    case MessageType.Call: return parseCall(message, messageId);
    case MessageType.CallResult: return parseCallResult(message, messageId);
    case MessageType.CallError: return parseCallError(message, messageId);
    default: {
      const _exhaustive: never = typeId;
      return _exhaustive;
    }
  }
}

function checkLength(message: unknown[], expected: number, facts: FrameFacts, what: string): ParseResult | null {
  if (message.length < expected) return fail('INCOMPLETE_FRAME', `${what} must have ${expected} elements`, facts);
  if (message.length > expected) return fail('MALFORMED_FRAME', `${what} must have ${expected} elements`, facts);
  return null;
}

function parseCall(message: unknown[], messageId: string): ParseResult {
  const [, , action, payload] = message;
  const fitAction = typeof action === 'string' && isFitText(action, MAX_ACTION_LENGTH);
  const facts: FrameFacts = { messageTypeId: MessageType.Call, messageId, action: fitAction ? action : null, payload: jsonText(payload) };
  if (!fitAction) {
    return message.length < 3 ? fail('INCOMPLETE_FRAME', 'CALL must have 4 elements', facts)
      : fail('MALFORMED_FRAME', `Action must be a string of at most ${MAX_ACTION_LENGTH} characters of text`, facts);
  }
  const bad = checkLength(message, 4, facts, 'CALL');
  if (bad) return bad;
  return { ok: true, frame: { messageTypeId: MessageType.Call, messageId, action, payload }, facts };
}

function parseCallResult(message: unknown[], messageId: string): ParseResult {
  const [, , payload] = message;
  const facts: FrameFacts = { messageTypeId: MessageType.CallResult, messageId, action: null, payload: jsonText(payload) };
  const bad = checkLength(message, 3, facts, 'CALLRESULT');
  if (bad) return bad;
  return { ok: true, frame: { messageTypeId: MessageType.CallResult, messageId, payload }, facts };
}

function parseCallError(message: unknown[], messageId: string): ParseResult {
  const [, , errorCode, errorDescription, errorDetails] = message;
  const facts: FrameFacts = {
    messageTypeId: MessageType.CallError, messageId, action: null,
    payload: message.length > 2 ? JSON.stringify({ errorCode, errorDescription, errorDetails }) : null,
  };
  const bad = checkLength(message, 5, facts, 'CALLERROR');
  if (bad) return bad;
  if (typeof errorCode !== 'string' || typeof errorDescription !== 'string') {
    return fail('MALFORMED_FRAME', 'CALLERROR errorCode and errorDescription must be strings', facts);
  }
  return { ok: true, frame: { messageTypeId: MessageType.CallError, messageId, errorCode, errorDescription, errorDetails }, facts };
}

/** The text of a frame, elements in the order of OCPP-J 1.6 §4.2.1-4.2.3; parseFrame reads it back. */
export function serializeFrame(frame: OcppFrame): string {
  switch (frame.messageTypeId) {
    case MessageType.Call:
      return JSON.stringify([frame.messageTypeId, frame.messageId, frame.action, frame.payload]);
    case MessageType.CallResult:
      return JSON.stringify([frame.messageTypeId, frame.messageId, frame.payload]);
    case MessageType.CallError:
      return JSON.stringify([frame.messageTypeId, frame.messageId, frame.errorCode, frame.errorDescription, frame.errorDetails]);
    default: {
      const _exhaustive: never = frame;
      return _exhaustive;
    }
  }
}
