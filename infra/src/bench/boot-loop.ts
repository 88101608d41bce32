// How a benchmark station boots when the CSMS may tell it to wait, in the boot storm and the idle
// mix alike: BootNotification until Accepted. A Pending or Rejected answer is tried again after
// the wait it gives (1.6 §4.2.1, 2.0.1 B02/B03) until the window ends; a CALLERROR, a timeout or a
// closed socket ends it, counted once, since resending at once would only flood the CSMS.
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { bootAnswerOf, type BootAnswer } from './boot-answer.ts';
import type { CallChannel } from './call-channel.ts';
import type { Reply } from './pending-calls.ts';

export interface BootLoop {
  /** The BootNotification payload. */
  readonly boot: object;
  /** Aborted as the window ends: no boot goes out after it, and a deferred station stops waiting. */
  readonly signal: AbortSignal;
  /** Each boot's answer as it comes, with the reply it was read from and the ms the call took. */
  onAnswer(answer: BootAnswer, reply: Reply, ms: number): void;
}

export async function bootUntilAccepted(channel: CallChannel, loop: BootLoop): Promise<void> {
  // Every deferred station of a run waits on this one signal: past node's default of 10 listeners is the design, not a leak.
  setMaxListeners(0, loop.signal);
  while (!loop.signal.aborted) {
    const sent = performance.now();
    const reply = await channel.call({ action: 'BootNotification', payload: loop.boot });
    const answer = bootAnswerOf(reply);
    loop.onAnswer(answer, reply, performance.now() - sent);
    if (answer.verdict !== 'deferred') return;
    // Rejected only by the abort, which the loop's condition then sees.
    await sleep(answer.retryMs, undefined, { signal: loop.signal }).catch(() => undefined);
  }
}
