// What the simulator tells of its session's bill, from what the CSMS's REST API answers: which
// transaction to ask about and when (read from the session's own steps), the running cost, the
// CDR, and why there is none. Money arrives as integers in the currency's minor unit and prices
// as decimal strings; both are printed as they are, never through a float. Pure.
import { formatMinor, isRecord, type CdrIssued, type PricedLine, type PricedSession, type SessionCostUpdated } from '@csms/contracts';
import { formatScaled } from '@csms/contracts/billing/decimal.ts';
import type { WorkflowStep } from './session-steps.ts';

/** The fields of the billing records the API shows as they are: money in minor units, energy in Wh. */
type Amounts = Pick<PricedSession, 'currency' | 'energyWh' | 'totalExclVatMinor' | 'vatMinor' | 'totalInclVatMinor' | 'flags'>;

/** GET /transactions/{id}/cost: SessionCostUpdated's figures, with its asOf as an ISO string and the CDR once issued. */
export type SessionCost = Amounts & Pick<SessionCostUpdated, 'transactionId' | 'tariffId'> & {
  /** Station time the cost runs to: the newest meter reading billing priced. */
  readonly asOf: string;
  /** The billable CDR, once issued. */
  readonly cdrId: string | null;
};

export type CdrLine = Pick<PricedLine, 'component' | 'unit' | 'quantity' | 'billedQuantity' | 'unitPrice' | 'amountMinor'>;

/** GET /cdrs/{id}: the CdrIssued and its priced session, with instants as ISO strings (the fields shown here). */
export type CdrDetail = Amounts & Pick<CdrIssued, 'cdrId' | 'kind' | 'transactionId' | 'tariffId'>
  & Pick<PricedSession, 'chargingSeconds' | 'idleSeconds' | 'tariffVersions'> & {
    readonly startedAt: string;
    readonly stoppedAt: string;
    readonly priced: { readonly lines: readonly CdrLine[] };
  };

/** How the API knows the session: 1.6 stations get the CSMS's number; a 2.0.1 station names its own. */
export type SessionRef =
  | { readonly transactionId: number }
  | { readonly stationTransactionId: string };

/** What a step means for the bill: the session started (and is now known), or a meter sample was priced. */
export type BillingMoment =
  | { readonly type: 'Started'; readonly session: SessionRef }
  | { readonly type: 'Sampled' }
  | { readonly type: 'Other' };

const field = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);

export function billingMomentOf({ action, request, response }: WorkflowStep): BillingMoment {
  const transactionId = field(response, 'transactionId');
  if (action === 'StartTransaction' && typeof transactionId === 'number') return { type: 'Started', session: { transactionId } };
  if (action === 'MeterValues') return { type: 'Sampled' };
  if (action !== 'TransactionEvent') return { type: 'Other' };
  const eventType = field(request, 'eventType');
  const stationTransactionId = field(field(request, 'transactionInfo'), 'transactionId');
  if (eventType === 'Started' && typeof stationTransactionId === 'string') return { type: 'Started', session: { stationTransactionId } };
  return eventType === 'Updated' ? { type: 'Sampled' } : { type: 'Other' };
}

export function sessionName(session: SessionRef): string {
  return 'transactionId' in session ? `transaction ${session.transactionId}` : `station transaction ${session.stationTransactionId}`;
}

const money = (minor: number, currency: string) => `${formatMinor(minor, currency)} ${currency}`;
/** Wh as kWh, exactly: 25500 → "25.5". */
const kWh = (wh: number) => formatScaled(BigInt(wh), 3);

/** 1500 → "25m00s": a CDR's charging and idle time, as people read a session's length. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m${s}s`;
  return m > 0 ? `${m}m${s}s` : `${seconds}s`;
}

const flagList = (flags: readonly string[]) => (flags.length === 0 ? 'none' : flags.join(', '));

export function runningCostLine(cost: SessionCost): string {
  const flags = cost.flags.length === 0 ? '' : `, flags ${cost.flags.join(', ')}`;
  return `  cost so far: ${money(cost.totalInclVatMinor, cost.currency)} incl. VAT (${money(cost.totalExclVatMinor, cost.currency)} excl.)`
    + ` for ${kWh(cost.energyWh)} kWh up to ${cost.asOf}, tariff ${cost.tariffId}${flags}`;
}

/** Pricing counts TIME and PARKING_TIME in seconds but prices them per hour (contracts' PricedLine). */
const PER: Readonly<Record<CdrLine['unit'], string>> = { kWh: 'kWh', s: 'h', session: 'session' };

/** One price line: what was billed, at what unit price, for how much; the measured quantity too when the step size rounded it up. */
export function priceLine(line: CdrLine, currency: string): string {
  const measured = line.quantity === line.billedQuantity ? '' : ` (measured ${line.quantity} ${line.unit})`;
  return `  ${line.component.padEnd(12)} ${line.billedQuantity} ${line.unit}${measured} × ${line.unitPrice} ${currency}/${PER[line.unit]}`
    + ` = ${money(line.amountMinor, currency)}`;
}

/** A CDR in a few lines: which, when, how much energy, each price line, the totals and the flags. */
export function cdrSummary(cdr: CdrDetail): string[] {
  const versions = cdr.tariffVersions.map((v) => `${v.id} v${v.version}`).join(', ') || cdr.tariffId;
  return [
    `CDR ${cdr.cdrId} (${cdr.kind}) for transaction ${cdr.transactionId}, tariff ${versions}`,
    `  period       ${cdr.startedAt} → ${cdr.stoppedAt} (charging ${formatDuration(cdr.chargingSeconds)}, idle ${formatDuration(cdr.idleSeconds)})`,
    `  energy       ${kWh(cdr.energyWh)} kWh`,
    ...cdr.priced.lines.map((line) => priceLine(line, cdr.currency)),
    `  total        ${money(cdr.totalExclVatMinor, cdr.currency)} excl. VAT + ${money(cdr.vatMinor, cdr.currency)} VAT`
      + ` = ${money(cdr.totalInclVatMinor, cdr.currency)} incl. VAT`,
    `  flags        ${flagList(cdr.flags)}`,
  ];
}

/** Billing prices only sessions whose start resolved a tariff, so no cost at all means none applied. */
export function notBilledLine(session: SessionRef, waitedMs: number): string {
  return `not billed: no cost for ${sessionName(session)} after ${waitedMs / 1000} s, so no tariff applied when it started.`
    + ' Create one (POST /tariffs) and assign it (PUT /tariff-assignments, e.g. {"scope":"Default","tariffId":"…"}): see README "Billing"';
}

/** A running cost but no CDR: billing is behind, or the tariff could not price the stop. */
export function notFinalLine(cost: SessionCost, waitedMs: number): string {
  return `no CDR for transaction ${cost.transactionId} after ${waitedMs / 1000} s; the latest running cost was`
    + ` ${money(cost.totalInclVatMinor, cost.currency)} incl. VAT (GET /transactions/${cost.transactionId}/cost shows it when it is issued)`;
}

/** An error answer's code and message, as the api writes them: {"error":{"code","message"}}. */
export function apiErrorOf(body: unknown): { readonly code: string; readonly message: string } {
  const error = field(body, 'error');
  const code = field(error, 'code');
  const message = field(error, 'message');
  return { code: typeof code === 'string' ? code : 'UNKNOWN', message: typeof message === 'string' ? message : '' };
}

/** Why the cost cannot be read from an API that refused the request, and what to do about it. */
export function refusalReason(status: number, body: unknown, keyGiven: boolean): string {
  const { code, message } = apiErrorOf(body);
  if (status === 401 && !keyGiven) return 'no API key: set CSMS_API_KEY or --api-key to see the session\'s cost';
  if (status === 401) return `the API refused the API key (401 ${code}): check CSMS_API_KEY or --api-key`;
  if (status === 403) return `the API key may not read billing (403 ${code}): any role from viewer up may`;
  return `the API answered ${status} ${code}${message === '' ? '' : `: ${message}`}`;
}

/** Why the API could not be asked at all: fetch fails with a TypeError "fetch failed" whose cause says why (a socket's code). */
export function unreachableReason(apiUrl: string, error: unknown): string {
  const cause = field(error, 'cause');
  const [code, message] = [field(cause, 'code'), field(cause, 'message')];
  const why = typeof code === 'string' ? code : typeof message === 'string' ? message : error instanceof Error ? error.message : String(error);
  return `the API at ${apiUrl} could not be reached (${why}): start the CSMS or pass --api`;
}

export function costUnavailableLine(reason: string): string {
  return `cost not shown: ${reason}`;
}
