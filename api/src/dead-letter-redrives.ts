// Asking for a dead letter to be re-driven: a DeadLetterRedriveRequested on
// csms.dead-letter-redrives, which the projections run as `npm run redrive -- <id>` would, and,
// when asked to, waiting until the dead_letters read model shows what came of it.
import { randomUUID } from 'node:crypto';
import type { DeadLetterRedriveRequested } from '@csms/contracts';
import { findDeadLetter, type DeadLetterView } from '@csms/projections/dead-letters/queries.ts';
import type { AppOptions } from './app-options.ts';
import { ApiError } from './errors.ts';
import { awaitVisible } from './read-your-writes.ts';

/**
 * A dead letter's id as contracts' deadLetterId makes it: who gave up (`processors`,
 * `projection:<name>`, `certificate-authority`), the real topic name (Kafka's legal characters,
 * any prefix included), the partition and the offset.
 */
export const deadLetterIdString = {
  type: 'string', maxLength: 400, pattern: '^[a-z][a-z0-9-]*(:[a-z0-9-]+)?/[A-Za-z0-9._-]{1,249}/(0|[1-9][0-9]{0,9})/(0|[1-9][0-9]{0,18})$',
  description: 'The dead letter\'s id, `<consumer>/<topic>/<partition>/<offset>`; percent-encode its slashes in a path',
  examples: ['projection:charge-points/csms.config.charge-points/2/41'],
} as const;

/** What a re-drive request answers: the letter's re-drive state as the read model shows it. */
export interface RedriveAnswer {
  readonly id: string;
  readonly requestId: string;
  readonly status: DeadLetterView['status'];
  readonly redrivenAt: string | null;
  readonly redrivenBy: string | null;
  readonly redriveOutcome: string | null;
  readonly lastRedriveError: string | null;
  readonly lastRedriveAttemptAt: string | null;
}

export function redriveRequest(deadLetterId: string, requestedBy: string, at: number, requestId: string = randomUUID()): DeadLetterRedriveRequested {
  return { type: 'DeadLetterRedriveRequested', requestId, deadLetterId, at, requestedBy };
}

export function redriveAnswer(letter: DeadLetterView, requestId: string): RedriveAnswer {
  const { id, status, redrivenAt, redrivenBy, redriveOutcome, lastRedriveError, lastRedriveAttemptAt } = letter;
  return { id, requestId, status, redrivenAt, redrivenBy, redriveOutcome, lastRedriveError, lastRedriveAttemptAt };
}

/**
 * Whether the read model shows an outcome since `before` was read: re-driven, or another attempt
 * made (one that failed notes its time). Compared with what was read, not with a clock, so the
 * api's and the projections' clocks need not agree.
 */
export function settledSince(before: DeadLetterView, now: DeadLetterView | undefined): boolean {
  return now !== undefined && (now.status === 'redriven' || now.lastRedriveAttemptAt !== before.lastRedriveAttemptAt);
}

/** The letter, refused when the read model has none or shows it re-driven already. */
export async function openLetterOrRefuse(options: AppOptions, id: string): Promise<DeadLetterView> {
  const letter = await findDeadLetter(options.pool, id);
  if (letter === undefined) throw new ApiError('DEAD_LETTER_NOT_FOUND', `dead letter ${id} not found`);
  if (letter.status !== 'open') {
    throw new ApiError('DEAD_LETTER_NOT_OPEN', `dead letter ${id} was re-driven at ${letter.redrivenAt ?? '?'} by ${letter.redrivenBy ?? '?'}`);
  }
  return letter;
}

export async function writeRedriveRequest(options: AppOptions, request: DeadLetterRedriveRequested): Promise<void> {
  await options.writer.write({
    topic: 'deadLetterRedrives', key: request.deadLetterId, value: await options.serde.encode('deadLetterRedrives', request),
  });
}

/** Polls the read model until the letter shows an outcome or `waitSeconds` have passed; the latest view either way. */
export async function awaitRedrive(options: AppOptions, before: DeadLetterView, waitSeconds: number): Promise<{ settled: boolean; letter: DeadLetterView }> {
  const result = await awaitVisible(() => findDeadLetter(options.pool, before.id), (now) => settledSince(before, now), {
    timeoutMs: waitSeconds * 1_000, intervalMs: options.readYourWrites.intervalMs, clock: options.clock,
  });
  return { settled: result.visible, letter: result.value ?? before };
}
