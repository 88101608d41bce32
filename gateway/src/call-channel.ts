// Drives one connection's call queue (call-queue.ts): writes CALLs to the socket, runs the
// answer timer (until the CALL's deadline, or timeoutMs without one), reports undelivered
// CALLs and keeps the gauges.
import type { UndeliveredReason } from '@csms/contracts';
import {
  answer, answerRecorded, awaitingAnswer, close, emptyCallQueue, offer, timeOut, unsendable,
  type Admission, type CallLimits, type CallQueueEffect, type CallQueueState, type CsmsCall, type Step,
} from './call-queue.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { RevealSecrets } from './sealed-calls.ts';
import type { Timers } from './timers.ts';

type CallMetrics = Pick<GatewayMetrics, 'callsOutstanding' | 'callsQueued' | 'callsSent' | 'callsUndelivered'>;

interface CallChannelOptions {
  readonly maxQueued: number;
  /** How long a CALL without a deadline may await its answer. */
  readonly timeoutMs: number;
  /** Epoch ms, the time the CALLs' deadlines are in. */
  readonly clock: () => number;
  readonly timers: Timers;
  /** Writes a text frame to the socket; false when it is no longer open (its close drains the queue). */
  readonly send: (raw: string) => boolean;
  /** The text to write for a CALL, its sealed secrets opened; a failure makes it undelivered instead. */
  readonly reveal: RevealSecrets;
  /** Records the CALL as undelivered in ocpp.inbound. */
  readonly undelivered: (call: CsmsCall, reason: UndeliveredReason) => void;
  readonly metrics: CallMetrics;
}

export interface CallChannel {
  offer(call: CsmsCall): Admission;
  /** The CALL awaiting an answer, if any. */
  awaitingAnswer(): CsmsCall | null;
  /** The station answered: stops the timer; returns the CALL answered, null if none matches. */
  answered(messageId: string): CsmsCall | null;
  /** Kafka acknowledged the answer: the next CALL goes out. */
  recorded(messageId: string): void;
  /** The socket closed: every CALL not answered is undelivered (ConnectionGone). */
  close(): void;
}

function outstandingOf(state: CallQueueState): number {
  return state.inFlight?.phase === 'awaiting-answer' ? 1 : 0;
}

function updateGauges(metrics: CallMetrics, before: CallQueueState, after: CallQueueState): void {
  metrics.callsOutstanding.inc(outstandingOf(after) - outstandingOf(before));
  metrics.callsQueued.inc(after.waiting.length - before.waiting.length);
}

/** Writes the CALL's frame and arms its answer timer; returns the timer's cancel function. */
function writeCall(options: CallChannelOptions, raw: string, waitMs: number, onTimeout: () => void): () => void {
  const cancel = options.timers.after(waitMs, onTimeout);
  if (options.send(raw)) options.metrics.callsSent.inc();
  return cancel;
}

const noTimer = (): void => undefined;

/** The one mutable place: the queue's state and the running answer timer. */
interface Driver {
  readonly options: CallChannelOptions;
  readonly limits: CallLimits;
  state: CallQueueState;
  stopTimer: () => void;
}

function apply(driver: Driver, step: Step): void {
  updateGauges(driver.options.metrics, driver.state, step.state);
  driver.state = step.state;
  for (const effect of step.effects) run(driver, effect);
}

function run(driver: Driver, effect: CallQueueEffect): void {
  const { options } = driver;
  switch (effect.kind) {
    case 'send': {
      driver.stopTimer();
      driver.stopTimer = noTimer;
      const { messageId } = effect.call;
      const frame = options.reveal(effect.call);
      if (!frame.ok) {
        apply(driver, unsendable(driver.state, messageId, options.clock(), driver.limits));
        return;
      }
      driver.stopTimer = writeCall(options, frame.raw, effect.waitMs,
        () => apply(driver, timeOut(driver.state, messageId, options.clock(), driver.limits)));
      return;
    }
    case 'stop-timer':
      driver.stopTimer();
      driver.stopTimer = noTimer;
      return;
    case 'undelivered':
      options.metrics.callsUndelivered.inc({ reason: effect.reason });
      options.undelivered(effect.call, effect.reason);
      return;
    default: {
      const _exhaustive: never = effect;
      return _exhaustive;
    }
  }
}

export function createCallChannel(options: CallChannelOptions): CallChannel {
  const limits: CallLimits = { maxQueued: options.maxQueued, timeoutMs: options.timeoutMs };
  const driver: Driver = { options, limits, state: emptyCallQueue, stopTimer: noTimer };
  return {
    offer(call) {
      const step = offer(driver.state, call, options.clock(), limits);
      apply(driver, step);
      return step.admission;
    },
    awaitingAnswer: () => awaitingAnswer(driver.state),
    answered(messageId) {
      const step = answer(driver.state, messageId);
      apply(driver, step);
      return step.call;
    },
    recorded: (messageId) => apply(driver, answerRecorded(driver.state, messageId, options.clock(), limits)),
    close: () => apply(driver, close(driver.state)),
  };
}
