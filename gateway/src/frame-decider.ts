// What the gateway does with one text frame from a charge point: parse, validate, and
// decide the reply. Pure; the caller records the frame and sends the reply after the ack.
import { parseFrame, type FrameFacts } from './frame-parser.ts';
import { problemHandling, type FrameProblem, type OcppErrorCode } from './ocpp-errors.ts';
import type { PayloadValidator } from './payload-validator.ts';
import type { SupportedProtocol } from './ocpp-protocols.ts';
import { gatewayReply } from './gateway-replies.ts';

export interface FrameContext {
  readonly protocol: SupportedProtocol;
  readonly validator: PayloadValidator;
  readonly now: number;
}

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
  /** A CALLRESULT / CALLERROR answering a CSMS-initiated CALL. */
  | { readonly kind: 'response'; readonly facts: FrameFacts };

/** `[4, messageId, code, description, {}]`; "-1" when the message id could not be read (as ocpp-rpc). */
export function callErrorFrame(messageId: string | null, errorCode: OcppErrorCode, description: string): string {
  return JSON.stringify([4, messageId ?? '-1', errorCode, description, {}]);
}

function reject(facts: FrameFacts, problem: FrameProblem, description: string, ctx: FrameContext): FrameDecision {
  const { errorCode, reply } = problemHandling(ctx.protocol, problem);
  // Never answer a CALLRESULT or CALLERROR: there is nothing to answer (ocpp-rpc does the same).
  const isResponse = facts.messageTypeId === 3 || facts.messageTypeId === 4;
  return {
    kind: 'rejected', facts, problem, rejection: { errorCode, description },
    reply: reply && !isResponse ? callErrorFrame(facts.messageId, errorCode, description) : null,
  };
}

export function decideFrame(raw: string, ctx: FrameContext): FrameDecision {
  const parsed = parseFrame(raw);
  if (!parsed.ok) return reject(parsed.facts, parsed.problem, parsed.description, ctx);
  const { frame, facts } = parsed;
  if (frame.messageTypeId !== 2) return { kind: 'response', facts };
  const check = ctx.validator.validate(frame.action, frame.payload);
  if (!check.ok) return reject(facts, check.problem, check.description, ctx);
  const answer = gatewayReply(frame.action, ctx.now);
  if (answer === null) return { kind: 'forwarded', facts };
  return { kind: 'gateway-answered', facts, reply: JSON.stringify([3, frame.messageId, answer]) };
}
