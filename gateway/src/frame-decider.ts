// What the gateway does with one text frame from a charge point: parse, validate, and
// decide the reply. Pure but for the rate limit it is handed; the caller records the frame
// and sends the reply after the ack.
import {
  isAnswerType, MessageType, parseFrame, serializeFrame, stationCallRow, toSafeText, UNREADABLE_MESSAGE_ID, type FrameFacts, type ParseResult,
  type TableVersion,
} from '@csms/contracts';
import type { CsmsCall } from './call-queue.ts';
import { problemHandling, type FrameProblem, type OcppErrorCode } from './ocpp-errors.ts';
import type { PayloadValidator } from './payload-validator.ts';

export interface FrameContext {
  readonly protocol: TableVersion;
  readonly validator: PayloadValidator;
  readonly now: number;
  /** The CSMS CALL this connection awaits an answer to, if any. */
  readonly awaiting: Pick<CsmsCall, 'messageId' | 'action'> | null;
  /** The connection's rate limit, asked for every frame but the answer to the awaited CALL. */
  readonly rateLimit: FrameRateLimit;
}

export interface FrameRateLimit {
  /** False when the frame is over the limit: it is refused, not validated nor forwarded. */
  admit(): boolean;
  /** What the refused station is told. */
  readonly description: string;
}

/** OCPP-J 2.0.1 §4.2.3 caps an errorDescription at 255 characters; 1.6 stations get the same. */
const MAX_DESCRIPTION_LENGTH = 255;

export interface Rejection {
  readonly errorCode: OcppErrorCode;
  readonly description: string;
}

export type FrameDecision =
  /** Answered with a CALLERROR (reply), or recorded and ignored (reply null). */
  | { readonly kind: 'rejected'; readonly facts: FrameFacts; readonly problem: FrameProblem; readonly rejection: Rejection; readonly reply: string | null }
  /** A CALL the gateway answers itself once the record is acknowledged. */
  | { readonly kind: 'gateway-answered'; readonly facts: FrameFacts; readonly reply: string }
  /** A valid CALL a processor answers through ocpp.outbound. */
  | { readonly kind: 'forwarded'; readonly facts: FrameFacts }
  /** A valid CALLRESULT / CALLERROR answering the awaited CSMS CALL; facts carry its action. */
  | { readonly kind: 'answer'; readonly facts: FrameFacts }
  /** A CALLRESULT / CALLERROR matching no awaited CSMS CALL (late, or unknown). */
  | { readonly kind: 'response'; readonly facts: FrameFacts };

/** A CALLERROR without details, which OCPP-J 1.6 §4.2.3 says MUST then be an empty object. */
export function callErrorFrame(messageId: string | null, errorCode: OcppErrorCode, description: string): string {
  return serializeFrame({
    messageTypeId: MessageType.CallError, messageId: messageId ?? UNREADABLE_MESSAGE_ID, errorCode, errorDescription: description,
    errorDetails: {},
  });
}

function reject(facts: FrameFacts, problem: FrameProblem, detail: string, ctx: FrameContext): FrameDecision {
  const { errorCode, reply } = problemHandling(ctx.protocol, problem);
  // Descriptions can quote what the station sent (a property name): bounded, and safe to store.
  const description = toSafeText(detail, MAX_DESCRIPTION_LENGTH);
  // Never answer a CALLRESULT or CALLERROR: there is nothing to answer (ocpp-rpc does the same).
  return {
    kind: 'rejected', facts, problem, rejection: { errorCode, description },
    reply: reply && !isAnswerType(facts.messageTypeId) ? callErrorFrame(facts.messageId, errorCode, description) : null,
  };
}

/** The awaited CALL a CALLRESULT / CALLERROR answers, by messageId; null for anything else. */
export function answeredCall<C extends Pick<CsmsCall, 'messageId'>>(facts: FrameFacts, awaiting: C | null): C | null {
  return awaiting !== null && isAnswerType(facts.messageTypeId) && facts.messageId === awaiting.messageId ? awaiting : null;
}

/**
 * An answer is recorded under the action of the CALL it answers. A CALLRESULT must fit the
 * action's `.conf` schema; one that does not is recorded with its rejection (and, being a
 * response, never answered), so processors do not act on what it says.
 */
function decideAnswer(parsed: ParseResult, action: string, ctx: FrameContext): FrameDecision {
  const facts: FrameFacts = { ...parsed.facts, action };
  if (!parsed.ok) return reject(facts, parsed.problem, parsed.description, ctx);
  const { frame } = parsed;
  // answeredCall matched a CALLRESULT or CALLERROR: a CALL never gets here.
  if (frame.messageTypeId === MessageType.Call) return { kind: 'response', facts };
  const check = frame.messageTypeId === MessageType.CallResult ? ctx.validator.validateResult(action, frame.payload)
    : ctx.validator.validateCallError(frame);
  return check.ok ? { kind: 'answer', facts } : reject(facts, check.problem, check.description, ctx);
}

export function decideFrame(raw: string, ctx: FrameContext): FrameDecision {
  const parsed = parseFrame(raw);
  const awaited = answeredCall(parsed.facts, ctx.awaiting);
  if (awaited !== null) return decideAnswer(parsed, awaited.action, ctx);
  if (!ctx.rateLimit.admit()) return reject(parsed.facts, 'RATE_LIMITED', ctx.rateLimit.description, ctx);
  if (!parsed.ok) return reject(parsed.facts, parsed.problem, parsed.description, ctx);
  const { frame, facts } = parsed;
  if (frame.messageTypeId !== MessageType.Call) return { kind: 'response', facts };
  const check = ctx.validator.validate(frame.action, frame.payload);
  if (!check.ok) return reject(facts, check.problem, check.description, ctx);
  // Answered here only when its answer needs no state (the action table says which).
  const answer = stationCallRow(ctx.protocol, frame.action)?.gatewayAnswer?.(ctx.now) ?? null;
  if (answer === null) return { kind: 'forwarded', facts };
  const reply = serializeFrame({ messageTypeId: MessageType.CallResult, messageId: frame.messageId, payload: answer });
  return { kind: 'gateway-answered', facts, reply };
}
