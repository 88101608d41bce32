// How long a station waits for the reply to its CALL, for csms_gateway_reply_seconds{answered_by}:
// from the frame's receipt to its reply written to the socket. The gateway answers a few CALLs
// itself once Kafka has them (the receipt time is at hand); the processors answer the rest
// through ocpp.outbound, so their receipt times wait here, one timer per socket, for a reply
// carrying their messageId.
import type { StageObserver } from '@csms/infra';

export type AnsweredBy = 'gateway' | 'processor';
export const ANSWERED_BY = ['gateway', 'processor'] as const satisfies readonly AnsweredBy[];

/**
 * OCPP-J (1.6 §4.1.1, 2.0.1 §4.1.1): a station sends its next CALL only once the previous one
 * was answered or timed out, so one is awaited at a time. A few more let a late reply to a
 * CALL the station gave up on still be timed (the late ones are what this metric is for);
 * past them the oldest is forgotten, so a station that never waits costs no more memory.
 */
export const MAX_AWAITED_REPLIES = 4;

export interface ReplyTimerOptions {
  /** The clock receipt times were read from (epoch ms). */
  readonly clock: () => number;
  readonly seconds: Readonly<Record<AnsweredBy, StageObserver>>;
  readonly maxAwaited: number;
}

export interface ReplyTimer {
  /** A CALL received at `receivedAt` was forwarded: a processor's reply will carry its messageId. */
  awaitProcessor(messageId: string, receivedAt: number): void;
  /** The gateway wrote its own reply to a frame received at `receivedAt`. */
  gatewayReplied(receivedAt: number): void;
  /** A processor's reply was written: timed when it answers a CALL still awaited. */
  processorReplied(messageId: string): void;
  /** The socket closed: nothing awaited will be written to it. */
  clear(): void;
  /** CALLs awaiting a processor's reply. */
  readonly awaited: number;
}

export function createReplyTimer(options: ReplyTimerOptions): ReplyTimer {
  const { clock, seconds, maxAwaited } = options;
  // Receipt times by messageId; a Map keeps insertion order, so the first key is the oldest.
  const awaited = new Map<string, number>();
  const observe = (answeredBy: AnsweredBy, receivedAt: number): void => {
    seconds[answeredBy].observe(Math.max(0, clock() - receivedAt) / 1000);
  };
  return {
    awaitProcessor(messageId, receivedAt) {
      // A messageId sent again starts its wait again, at the back of the line.
      awaited.delete(messageId);
      awaited.set(messageId, receivedAt);
      if (awaited.size <= maxAwaited) return;
      const oldest = awaited.keys().next();
      if (!oldest.done) awaited.delete(oldest.value);
    },
    gatewayReplied: (receivedAt) => observe('gateway', receivedAt),
    processorReplied(messageId) {
      const receivedAt = awaited.get(messageId);
      if (receivedAt === undefined) return;
      awaited.delete(messageId);
      observe('processor', receivedAt);
    },
    clear: () => awaited.clear(),
    get awaited() {
      return awaited.size;
    },
  };
}
