import type { TariffVersion } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';

export interface TariffView { id: string; name: string | null; currency: string; currentVersion: number;
  versions: TariffVersion[]; updatedAt: string; updatedBy: string | null }
export function listTariffs(db: Db, page: PageRequest): Promise<Page<TariffView>> { throw new Error('not implemented'); }
export function findTariff(db: Db, id: string): Promise<TariffView | undefined> { throw new Error('not implemented'); }
export type TariffScope = 'Default' | 'Station' | 'Evse' | 'IdTokenGroup';
export interface TariffAssignmentView { key: string; scope: TariffScope; chargePointId: string | null; evseId: number | null;
  groupIdToken: string | null; tariffId: string; updatedAt: string; updatedBy: string | null }
export function listTariffAssignments(db: Db, filter: { tariffId?: string; chargePointId?: string } & PageRequest): Promise<Page<TariffAssignmentView>> { throw new Error('not implemented'); }
export function findTariffAssignment(db: Db, key: string): Promise<TariffAssignmentView | undefined> { throw new Error('not implemented'); }
/** The compacted-topic key of an assignment: default, station:<cp>, evse:<cp>:<evseId>, group:<groupIdToken>. */
export function assignmentKey(a: { scope: TariffScope; chargePointId: string | null; evseId: number | null; groupIdToken: string | null }): string { throw new Error('not implemented'); }
