// Which billed sessions a re-rating touches and what it writes for each: the sessions billed
// under one tariff whose span meets a period, each priced again from its facts (session-replay)
// and corrected where the price moved (correction). Pure: the log and the tariffs come in, so
// a dry run and the real run plan the same thing.
import type { BillingEvent, CdrIssued, RerateRequested, SessionEvent, Tariff } from '@csms/contracts';
import type { Lookup, ProcessorSettings } from '../deciders/context.ts';
import { correctionOf, type Correction, type CorrectionContext } from './correction.ts';
import { repriceSession } from './session-replay.ts';

/**
 * The tariff, and the period [from, to) in station time that a session's span must meet; `at`,
 * `reason` and `requestedBy` go on what it writes. A RerateRequested is one.
 */
export type RerateRequest = Pick<RerateRequested, 'tariffId' | 'from' | 'to'> & CorrectionContext;

/** What the topics hold: each station's records in its partition's order. */
export interface BillingLog {
  readonly sessions: readonly SessionEvent[];
  readonly billing: readonly BillingEvent[];
}

export type RerateOutcome =
  | { readonly status: 'unchanged'; readonly billed: CdrIssued }
  | { readonly status: 'corrected'; readonly billed: CdrIssued; readonly correction: Correction }
  /** Its facts no longer price (the tariff was deleted): left as billed for an operator to look at. */
  | { readonly status: 'unpriceable'; readonly billed: CdrIssued };

const sessionKey = (chargePointId: string, transactionId: number | null) => `${chargePointId}\u0000${transactionId}`;

/**
 * What each session is billed now: its Final, or the Correction that replaced it, not credited.
 * A Provisional CDR awaits an operator's review and is not re-rated.
 */
export function billedCdrs(billing: readonly BillingEvent[]): CdrIssued[] {
  const credited = new Set(billing.flatMap((event) => (event.type === 'CdrCredited' ? [event.creditedCdrId] : [])));
  const billed = new Map<string, CdrIssued>();
  for (const event of billing) {
    if (event.type !== 'CdrIssued' || event.kind === 'Provisional' || credited.has(event.cdrId)) continue;
    billed.set(event.cdrId, event);
  }
  return [...billed.values()];
}

function factsBySession(sessions: readonly SessionEvent[]): Map<string, SessionEvent[]> {
  const facts = new Map<string, SessionEvent[]>();
  for (const fact of sessions) {
    if (fact.type === 'AuthorizationDecided') continue;
    const key = sessionKey(fact.chargePointId, fact.transactionId);
    const list = facts.get(key) ?? [];
    list.push(fact);
    facts.set(key, list);
  }
  return facts;
}

const touches = (cdr: CdrIssued, request: RerateRequest) =>
  cdr.tariffId === request.tariffId && cdr.priced.startedAt < request.to && cdr.priced.stoppedAt >= request.from;

export function planRerate(request: RerateRequest, log: BillingLog, tariffs: Lookup<Tariff>, settings: ProcessorSettings): RerateOutcome[] {
  const facts = factsBySession(log.sessions);
  return billedCdrs(log.billing).filter((cdr) => touches(cdr, request)).map((billed): RerateOutcome => {
    const priced = repriceSession(billed, facts.get(sessionKey(billed.chargePointId, billed.transactionId)) ?? [], tariffs, settings);
    if (priced === null) return { status: 'unpriceable', billed };
    const correction = correctionOf(billed, priced, request);
    return correction === null ? { status: 'unchanged', billed } : { status: 'corrected', billed, correction };
  });
}
