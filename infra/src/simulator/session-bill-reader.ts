// The HTTP side of the simulator's bill, kept thin: one look at the running cost after each meter
// sample, and after the stop a bounded wait for the CDR. Billing and its projection run behind the
// station's last answer, so the CDR is polled for; for a CLI that is simpler than following
// Kafka. Nothing here may fail the session: the first refusal (no API key, a key without the
// role, an API that cannot be reached) is told in one line and the bill is left out.
import { setTimeout as sleep } from 'node:timers/promises';
import { isRecord } from '@csms/contracts';
import {
  apiErrorOf, billingMomentOf, cdrSummary, costUnavailableLine, notBilledLine, notFinalLine, refusalReason, runningCostLine,
  unreachableReason, type CdrDetail, type SessionCost, type SessionRef,
} from './session-bill.ts';
import type { WorkflowStep } from './session-steps.ts';

export interface SessionBillOptions {
  /** The CSMS's REST API, e.g. http://127.0.0.1:4001. */
  readonly apiUrl: string;
  /** Sent as a bearer token; without one the API is still asked, in case it asks for none. */
  readonly apiKey?: string;
  readonly chargePointId: string;
  readonly log: (line: string) => void;
  /** How long to wait for the CDR after the stop, asking every pollMs. */
  readonly waitMs?: number;
  readonly pollMs?: number;
}

export interface SessionBill {
  /** A step listener: learns the session from its start and shows the running cost after each meter sample. */
  afterStep(step: WorkflowStep): Promise<void>;
  /** Once the session has stopped: waits for its CDR and prints it, or why there is none. */
  afterSession(): Promise<void>;
}

type Answer<T> =
  | { readonly type: 'Found'; readonly body: T }
  | { readonly type: 'Absent' }
  | { readonly type: 'Unavailable'; readonly reason: string };

/** Each request's bound, so an API that hangs cannot hold the simulator past its wait. */
const REQUEST_TIMEOUT_MS = 2000;
const ABSENT = { type: 'Absent' } as const;

/**
 * A JSON object from the API; `notFound` is the error code that means "not there yet", not a
 * failure. The body is taken as the route's schema says: the api validates what it answers.
 */
async function getJson<T>(options: Pick<SessionBillOptions, 'apiUrl' | 'apiKey'>, path: string, notFound?: string): Promise<Answer<T>> {
  const headers: Record<string, string> = options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` };
  let response: Response;
  try {
    response = await fetch(`${options.apiUrl.replace(/\/+$/, '')}${path}`, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    return { type: 'Unavailable', reason: unreachableReason(options.apiUrl, error) };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && isRecord(body)) return { type: 'Found', body: body as T };
  if (response.status === 404 && apiErrorOf(body).code === notFound) return ABSENT;
  return { type: 'Unavailable', reason: refusalReason(response.status, body, options.apiKey !== undefined) };
}

export function sessionBill(options: SessionBillOptions): SessionBill {
  const waitMs = options.waitMs ?? 10_000;
  const pollMs = options.pollMs ?? 500;
  const get = <T>(path: string, notFound?: string) => getJson<T>(options, path, notFound);
  let session: SessionRef | undefined;
  let csmsTransactionId: number | undefined;
  let unavailable = false;

  /** The CSMS's number for the session; a 2.0.1 station's own id is looked up once the transaction is projected. */
  async function transactionId(): Promise<Answer<number>> {
    if (csmsTransactionId === undefined && session !== undefined) {
      if ('transactionId' in session) csmsTransactionId = session.transactionId;
      else {
        const query = new URLSearchParams({ chargePointId: options.chargePointId, stationTransactionId: session.stationTransactionId });
        const page = await get<{ items: { transactionId: number }[] }>(`/transactions?${query}`);
        if (page.type !== 'Found') return page;
        csmsTransactionId = page.body.items[0]?.transactionId;
      }
    }
    return csmsTransactionId === undefined ? ABSENT : { type: 'Found', body: csmsTransactionId };
  }

  async function cost(): Promise<Answer<SessionCost>> {
    const id = await transactionId();
    return id.type === 'Found' ? get<SessionCost>(`/transactions/${id.body}/cost`, 'COST_NOT_FOUND') : id;
  }

  /** Tells once why the bill is left out; every later look is skipped. */
  function giveUp(reason: string): void {
    unavailable = true;
    options.log(costUnavailableLine(reason));
  }

  /** Polls until the cost names its CDR, then prints the CDR; without one by the deadline, says why. */
  async function waitForCdr(started: SessionRef): Promise<void> {
    const deadline = Date.now() + waitMs;
    let latest: SessionCost | undefined;
    for (;;) {
      const answer = await cost();
      if (answer.type === 'Unavailable') return giveUp(answer.reason);
      if (answer.type === 'Found') latest = answer.body;
      if (answer.type === 'Found' && answer.body.cdrId !== null) {
        const cdr = await get<CdrDetail>(`/cdrs/${encodeURIComponent(answer.body.cdrId)}`, 'CDR_NOT_FOUND');
        if (cdr.type === 'Unavailable') return giveUp(cdr.reason);
        if (cdr.type === 'Found') {
          for (const line of cdrSummary(cdr.body)) options.log(line);
          return;
        }
      }
      if (Date.now() + pollMs > deadline) break;
      await sleep(pollMs);
    }
    options.log(latest === undefined ? notBilledLine(started, waitMs) : notFinalLine(latest, waitMs));
  }

  /** A bug here (an answer of an unexpected shape) still must not fail the session. */
  const guarded = (look: () => Promise<void>) => look().catch((error: unknown) => giveUp(`reading it failed: ${(error as Error).message}`));

  return {
    afterStep: (step) => guarded(async () => {
      const moment = billingMomentOf(step);
      if (moment.type === 'Started') session = moment.session;
      if (moment.type !== 'Sampled' || unavailable) return;
      const answer = await cost();
      if (answer.type === 'Unavailable') giveUp(answer.reason);
      else if (answer.type === 'Found') options.log(runningCostLine(answer.body));
    }),
    afterSession: () => guarded(async () => {
      if (!unavailable && session !== undefined) await waitForCdr(session);
    }),
  };
}
