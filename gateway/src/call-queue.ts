// The CSMS-initiated CALLs of one connection, as a pure state machine: at most one CALL
// awaits its answer (OCPP-J 1.6 §4.1.1, synchronicity: no new CALL before the previous one
// was answered or timed out); the others wait, first in first out, up to a bound. A CALL
// carrying its command's deadline is awaited until then and never sent past it: the
// processor that sent it has given up on it by then, so the station must not act on it.
// Time comes in as `now`; timers and sockets are the driver's (call-channel.ts): a
// transition only says what to do.
import type { UndeliveredReason } from '@csms/contracts';

/** A CALL from ocpp.outbound: `raw` is the CALL's frame text. */
export interface CsmsCall {
  readonly messageId: string;
  readonly action: string;
  readonly raw: string;
  /** Epoch ms when the command it carries expires; null: the gateway's own call timeout applies. */
  readonly deadline: number | null;
}

/** The bounds of one connection's queue. */
export interface CallLimits {
  /** CALLs that may wait behind the one awaiting its answer. */
  readonly maxQueued: number;
  /** How long a CALL without a deadline may await its answer. */
  readonly timeoutMs: number;
}

type InFlight =
  | { readonly phase: 'awaiting-answer'; readonly call: CsmsCall }
  /** Answered; the next CALL goes out once Kafka acknowledged the answer. */
  | { readonly phase: 'recording-answer'; readonly call: CsmsCall };

export interface CallQueueState {
  readonly status: 'open' | 'closed';
  readonly inFlight: InFlight | null;
  readonly waiting: readonly CsmsCall[];
}

export type CallQueueEffect =
  /** Write the frame to the socket and start its answer timer, due in `waitMs`. */
  | { readonly kind: 'send'; readonly call: CsmsCall; readonly waitMs: number }
  | { readonly kind: 'stop-timer' }
  | { readonly kind: 'undelivered'; readonly call: CsmsCall; readonly reason: UndeliveredReason };

export interface Step {
  readonly state: CallQueueState;
  readonly effects: readonly CallQueueEffect[];
}

/** 'expired': the CALL came past its deadline and was reported as undelivered (Timeout), not sent. */
export type Admission = 'sent' | 'queued' | 'queue-full' | 'duplicate' | 'expired' | 'closed';

export const emptyCallQueue: CallQueueState = { status: 'open', inFlight: null, waiting: [] };

const unchanged = (state: CallQueueState): Step => ({ state, effects: [] });

function isKnown(state: CallQueueState, messageId: string): boolean {
  return state.inFlight?.call.messageId === messageId || state.waiting.some((c) => c.messageId === messageId);
}

function hasExpired(call: CsmsCall, now: number): boolean {
  return call.deadline !== null && now >= call.deadline;
}

/**
 * Sends the first waiting CALL still alive, if any; the slot must be free. The expired ones
 * before it are reported as timed out instead: their commands are over.
 */
function sendNext(state: CallQueueState, effects: readonly CallQueueEffect[], now: number, limits: CallLimits): Step {
  const index = state.waiting.findIndex((call) => !hasExpired(call, now));
  const expired = index === -1 ? state.waiting : state.waiting.slice(0, index);
  const reported = [...effects, ...expired.map((call): CallQueueEffect => ({ kind: 'undelivered', call, reason: 'Timeout' }))];
  const next = index === -1 ? undefined : state.waiting[index];
  if (next === undefined) return { state: { ...state, inFlight: null, waiting: [] }, effects: reported };
  const waitMs = next.deadline === null ? limits.timeoutMs : next.deadline - now;
  return {
    state: { ...state, inFlight: { phase: 'awaiting-answer', call: next }, waiting: state.waiting.slice(index + 1) },
    effects: [...reported, { kind: 'send', call: next, waitMs }],
  };
}

/**
 * A CALL arrives from ocpp.outbound. The same messageId twice (ocpp.outbound redelivered
 * after a consumer restart) is sent once; one already past its deadline (a lagging consumer)
 * is not sent at all; a CALL over the bound is refused, not an older one.
 */
export function offer(
  state: CallQueueState, call: CsmsCall, now: number, limits: CallLimits,
): Step & { readonly admission: Admission } {
  if (state.status === 'closed') {
    return { state, effects: [{ kind: 'undelivered', call, reason: 'ConnectionGone' }], admission: 'closed' };
  }
  if (isKnown(state, call.messageId)) return { ...unchanged(state), admission: 'duplicate' };
  if (hasExpired(call, now)) return { state, effects: [{ kind: 'undelivered', call, reason: 'Timeout' }], admission: 'expired' };
  if (state.inFlight === null) {
    return { ...sendNext({ ...state, waiting: [...state.waiting, call] }, [], now, limits), admission: 'sent' };
  }
  if (state.waiting.length >= limits.maxQueued) {
    return { state, effects: [{ kind: 'undelivered', call, reason: 'QueueFull' }], admission: 'queue-full' };
  }
  return { state: { ...state, waiting: [...state.waiting, call] }, effects: [], admission: 'queued' };
}

/** The CALL awaiting an answer, for correlating the station's CALLRESULT / CALLERROR. */
export function awaitingAnswer(state: CallQueueState): CsmsCall | null {
  return state.inFlight?.phase === 'awaiting-answer' ? state.inFlight.call : null;
}

/** The station answered; returns the CALL answered, or null when the messageId matches none. */
export function answer(state: CallQueueState, messageId: string): Step & { readonly call: CsmsCall | null } {
  const call = awaitingAnswer(state);
  if (call === null || call.messageId !== messageId) return { ...unchanged(state), call: null };
  return {
    state: { ...state, inFlight: { phase: 'recording-answer', call } },
    effects: [{ kind: 'stop-timer' }],
    call,
  };
}

/** Kafka acknowledged the answer: the next CALL may go out. */
export function answerRecorded(state: CallQueueState, messageId: string, now: number, limits: CallLimits): Step {
  const inFlight = state.inFlight;
  if (state.status === 'closed' || inFlight?.phase !== 'recording-answer' || inFlight.call.messageId !== messageId) {
    return unchanged(state);
  }
  return sendNext(state, [], now, limits);
}

/** The CALL awaiting its answer is given up as undelivered, and the next goes out; anything else changes nothing. */
function giveUp(state: CallQueueState, messageId: string, reason: UndeliveredReason, now: number, limits: CallLimits): Step {
  const call = awaitingAnswer(state);
  if (state.status === 'closed' || call === null || call.messageId !== messageId) return unchanged(state);
  return sendNext(state, [{ kind: 'undelivered', call, reason }], now, limits);
}

/** The answer timer of a CALL fired; a stale timer (answered meanwhile) changes nothing. */
export function timeOut(state: CallQueueState, messageId: string, now: number, limits: CallLimits): Step {
  return giveUp(state, messageId, 'Timeout', now, limits);
}

/** The CALL just due to go out cannot be written (its sealed secret cannot be opened): undelivered, the next goes out. */
export function unsendable(state: CallQueueState, messageId: string, now: number, limits: CallLimits): Step {
  return giveUp(state, messageId, 'SecretUnavailable', now, limits);
}

/**
 * The socket closed: the CALL awaiting an answer and every waiting one are undelivered.
 * An answered CALL is not: its answer is already on its way to Kafka.
 */
export function close(state: CallQueueState): Step {
  if (state.status === 'closed') return unchanged(state);
  const awaiting = awaitingAnswer(state);
  const lost = awaiting === null ? state.waiting : [awaiting, ...state.waiting];
  return {
    state: { status: 'closed', inFlight: null, waiting: [] },
    effects: [
      { kind: 'stop-timer' },
      ...lost.map((call): CallQueueEffect => ({ kind: 'undelivered', call, reason: 'ConnectionGone' })),
    ],
  };
}
