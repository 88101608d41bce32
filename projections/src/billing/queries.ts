import type { PricedSession } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';

export type CdrKind = 'Final' | 'Provisional' | 'Correction';
export interface CdrView {
  cdrId: string; kind: CdrKind; correctsCdrId: string | null;
  /** The CdrCredited creditId that cancelled this CDR (a re-rating replaced it); null while it stands. */
  creditedBy: string | null;
  chargePointId: string; transactionId: number; stationTransactionId: string | null; connectorId: number | null;
  idTag: string | null; idTokenType: string | null; groupIdToken: string | null; tariffId: string; currency: string;
  startedAt: string; stoppedAt: string; energyWh: number; chargingSeconds: number; idleSeconds: number;
  totalExclVatMinor: number; vatMinor: number; totalInclVatMinor: number; flags: string[];
  tariffVersions: { id: string; version: number }[]; issuedAt: string;
}
export interface CdrDetailView extends CdrView { priced: PricedSession }
export interface CdrFilter extends PageRequest {
  chargePointId?: string; idTag?: string; groupIdToken?: string; tariffId?: string; kind?: CdrKind;
  /** stoppedAt in [from, to) (ISO date-time) */ from?: string; to?: string;
  /** true: only what is billed (Final or Correction, not credited); false: only the rest */ billable?: boolean;
}
export function listCdrs(db: Db, filter: CdrFilter): Promise<Page<CdrView>> { throw new Error('not implemented'); }
export function findCdr(db: Db, cdrId: string): Promise<CdrDetailView | undefined> { throw new Error('not implemented'); }
/** For exports: every CDR matching (no paging), oldest first, at most `max` (the caller refuses bigger periods). */
export function cdrsForExport(db: Db, filter: Omit<CdrFilter, 'limit' | 'offset'>, max: number): Promise<CdrDetailView[]> { throw new Error('not implemented'); }
export interface CreditView { creditId: string; creditedCdrId: string; chargePointId: string; transactionId: number;
  currency: string; totalExclVatMinor: number; vatMinor: number; totalInclVatMinor: number; reason: string;
  requestedBy: string | null; at: string }
export function listCredits(db: Db, filter: { chargePointId?: string; from?: string; to?: string } & PageRequest): Promise<Page<CreditView>> { throw new Error('not implemented'); }
export interface SessionCostView { transactionId: number; chargePointId: string; tariffId: string; currency: string;
  asOf: string; energyWh: number; chargingSeconds: number; idleSeconds: number; totalExclVatMinor: number;
  vatMinor: number; totalInclVatMinor: number; flags: string[];
  /** The session's billable CDR, once issued: then the cost is final. */ cdrId: string | null }
export function findSessionCost(db: Db, transactionId: number): Promise<SessionCostView | undefined> { throw new Error('not implemented'); }
export interface StatementTotals { currency: string; sessions: number; energyWh: number; totalExclVatMinor: number; vatMinor: number; totalInclVatMinor: number }
export interface StatementView { idTag: string | null; groupIdToken: string | null; month: string; cdrs: CdrView[]; totals: StatementTotals[] }
/** The billable CDRs (Final or Correction, not credited) of an id tag or a group whose stoppedAt falls in the UTC month "YYYY-MM". */
export function statementOf(db: Db, filter: { idTag?: string; groupIdToken?: string; month: string }): Promise<StatementView> { throw new Error('not implemented'); }
