// One operator's request to re-drive a dead letter (POST /dead-letters/{id}/redrive), handled by
// the same redriveLetter as `npm run redrive -- <id>`: the letter's row is locked and marked in the
// re-apply's own transaction, so two requests for one letter (two operators, a retry, a crash
// before the request's offset was committed) handle it at most once; the later ones find it no
// longer open and do nothing. A re-drive that fails again leaves the letter open and is recorded
// (DeadLetterRedriveFailed on csms.dead-letter), so the operator sees why, and the next request
// is handled as any other: a failure is an answer, not a reason to stop.
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeadLetterRedriveFailed, DeadLetterRedriveRequested } from '@csms/contracts';
import { isTransientError } from '@csms/infra';
import type { StoredDeadLetter } from '../dead-letters/queries.ts';
import type { RedriveResult } from './redrive-letter.ts';

export interface RedriveRequestPorts {
  /** The letter with its bytes while it is open; undefined once re-driven, or never recorded. */
  readonly openLetter: (id: string) => Promise<StoredDeadLetter | undefined>;
  /** redriveLetter, as `by`. */
  readonly redrive: (letter: StoredDeadLetter, by: string) => Promise<RedriveResult>;
  /** Writes the failure to csms.dead-letter, keyed by the letter. */
  readonly recordFailure: (failed: DeadLetterRedriveFailed) => Promise<void>;
  readonly clock: () => number;
  /**
   * Tries at a re-drive failing for a cause that may go away by itself (the database or the broker
   * away for a moment) before it is recorded as failed; a cause of the record's own fails at once,
   * as it would from the command line.
   */
  readonly transientAttempts: number;
  readonly retryDelayMs: number;
}

export type RedriveRequestOutcome = { readonly outcome: RedriveResult } | { readonly outcome: 'Failed'; readonly error: string };

/** What a DeadLetterRedriveFailed keeps of an error: its message (no stack: an operator reads it), within reason. */
const MAX_ERROR_CHARS = 2000;

/**
 * Who re-drives, as dead_letters.redriven_by shows it: `api:` and the principal (`api:key:<API key
 * id>`, `api:sub:<token subject>`), beside the command line's `cli:<user>`, so the audit trail
 * says both who and through what.
 */
export function redriverOf(request: Pick<DeadLetterRedriveRequested, 'requestedBy'>): string {
  return `api:${request.requestedBy}`;
}

export function redriveFailure(request: DeadLetterRedriveRequested, at: number, error: unknown): DeadLetterRedriveFailed {
  const text = error instanceof Error ? error.message : String(error);
  return {
    type: 'DeadLetterRedriveFailed', deadLetterId: request.deadLetterId, at, by: redriverOf(request),
    error: text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text,
  };
}

async function withTransientRetries<T>(ports: RedriveRequestPorts, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isTransientError(error) || attempt >= ports.transientAttempts) throw error;
      await sleep(ports.retryDelayMs * attempt);
    }
  }
}

export async function handleRedriveRequest(ports: RedriveRequestPorts, request: DeadLetterRedriveRequested): Promise<RedriveRequestOutcome> {
  const letter = await ports.openLetter(request.deadLetterId);
  // Re-driven since it was asked for (an earlier request, the command line), or never recorded: nothing to do.
  if (letter === undefined) return { outcome: 'NotOpen' };
  try {
    return { outcome: await withTransientRetries(ports, () => ports.redrive(letter, redriverOf(request))) };
  } catch (error) {
    const failed = redriveFailure(request, ports.clock(), error);
    await ports.recordFailure(failed);
    return { outcome: 'Failed', error: failed.error };
  }
}
