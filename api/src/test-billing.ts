// A fake of the tariff and billing read models for unit tests: tables in memory, answered the
// way the projections' queries document, and fed by the api's own writes (onWrite), as
// following the compacted topics would.
import type { RerateRequested, StationSite, Tariff, TariffAssignment, TariffVersion } from '@csms/contracts';
import type { RerateView } from '@csms/projections/rerates/queries.ts';
import type { CdrDetailView, CdrView, CreditView, SessionCostView, StatementView } from '@csms/projections/billing/queries.ts';
import type { TariffAssignmentView, TariffView } from '@csms/projections/tariffs/queries.ts';
import type { BillingReads } from './billing-reads.ts';
import { writtenTariffView } from './tariff-versions.ts';
import type { Written } from './test-app.ts';

export interface FakeBilling {
  readonly tariffs: Map<string, TariffView>;
  readonly assignments: Map<string, TariffAssignmentView>;
  readonly cdrs: CdrDetailView[];
  readonly credits: CreditView[];
  readonly costs: Map<number, SessionCostView>;
  /** Re-ratings by id; a written request shows as Requested, as the read model would before the processors ran it. */
  readonly rerates: Map<string, RerateView>;
  /** Station sites by charge point id, as the charge-points read model holds them. */
  readonly sites: Map<string, StationSite>;
  /** What each call was asked, by query name. */
  readonly calls: { name: string; args: unknown }[];
  readonly reads: BillingReads;
  apply(record: Written): void;
}

const page = <T>(items: T[], request: { limit: number; offset: number }) => ({
  items: items.slice(request.offset, request.offset + request.limit), total: items.length,
});

export function fakeBilling(statement: (filter: { idTag?: string; groupIdToken?: string; month: string }) => StatementView = (f) => ({
  idTag: f.idTag ?? null, groupIdToken: f.groupIdToken ?? null, month: f.month, cdrs: [], totals: [],
})): FakeBilling {
  const tariffs = new Map<string, TariffView>();
  const assignments = new Map<string, TariffAssignmentView>();
  const cdrs: CdrDetailView[] = [];
  const credits: CreditView[] = [];
  const costs = new Map<number, SessionCostView>();
  const rerates = new Map<string, RerateView>();
  const sites = new Map<string, StationSite>();
  const calls: { name: string; args: unknown }[] = [];
  // Copied: fastify's query objects have a null prototype.
  const log = (name: string, args: object): void => void calls.push({ name, args: { ...args } });
  const reads: BillingReads = {
    listTariffs: async (_db, request) => page([...tariffs.values()], request),
    findTariff: async (_db, id) => tariffs.get(id),
    listTariffAssignments: async (_db, filter) => {
      log('listTariffAssignments', filter);
      return page([...assignments.values()].filter((a) => filter.tariffId === undefined || a.tariffId === filter.tariffId), filter);
    },
    findTariffAssignment: async (_db, key) => assignments.get(key),
    listCdrs: async (_db, filter) => { log('listCdrs', filter); return page(cdrs, filter); },
    findCdr: async (_db, id) => cdrs.find((c) => c.cdrId === id),
    cdrsForExport: async (_db, filter, max) => { log('cdrsForExport', { ...filter, max }); return cdrs.slice(0, max); },
    cdrRowsForExport: async (_db, filter, max) => {
      log('cdrRowsForExport', { ...filter, max });
      return cdrs.slice(0, max).map(({ priced: _priced, ...listed }) => listed);
    },
    listCredits: async (_db, filter) => { log('listCredits', filter); return page(credits, filter); },
    findSessionCost: async (_db, id) => costs.get(id),
    statementOf: async (_db, filter) => { log('statementOf', filter); return statement(filter); },
    listRerates: async (_db, request) => page([...rerates.values()].reverse(), request),
    findRerate: async (_db, id) => rerates.get(id),
    stationSites: async (_db, ids) => {
      log('stationSites', { ids });
      return new Map(ids.flatMap((id) => { const site = sites.get(id); return site === undefined ? [] : [[id, site] as const]; }));
    },
  };
  return {
    tariffs, assignments, cdrs, credits, costs, rerates, sites, calls, reads,
    apply(record) {
      const value: unknown = record.value === null ? null : JSON.parse(record.value.toString('utf8'));
      if (record.topic === 'tariffs' && value !== null) tariffs.set(record.key, writtenTariffView(value as Tariff));
      if (record.topic === 'tariffAssignments' && value === null) assignments.delete(record.key);
      else if (record.topic === 'tariffAssignments') {
        const a = value as TariffAssignment;
        assignments.set(record.key, { ...a, key: record.key, updatedAt: new Date(a.updatedAt).toISOString() });
      }
      if (record.topic === 'rerates') {
        const r = value as RerateRequested;
        const iso = (ms: number) => new Date(ms).toISOString();
        rerates.set(r.rerateId, {
          rerateId: r.rerateId, tariffId: r.tariffId, from: iso(r.from), to: iso(r.to), dryRun: r.dryRun, reason: r.reason,
          requestedBy: r.requestedBy, requestedAt: iso(r.at), status: 'Requested', error: null, sessions: null,
        });
      }
    },
  };
}

/** A valid EUR version: 0.35 per kWh, 21% VAT. */
export function eurVersion(fields: Partial<TariffVersion> = {}): TariffVersion {
  return {
    id: 'standard', version: 1, validFrom: Date.parse('2025-01-01T00:00:00Z'), currency: 'EUR', timeZone: 'Europe/Amsterdam', vatRate: '21',
    minPrice: null, maxPrice: null, idlePowerThresholdW: null,
    elements: [{ priceComponents: [{ type: 'ENERGY', price: '0.35', vatRate: null, stepSize: 1 }], restrictions: null }], ...fields,
  };
}

export function tariffViewWith(versions: TariffVersion[]): TariffView {
  return writtenTariffView({ id: versions[0]!.id, name: 'Standard', versions, updatedAt: Date.parse('2025-01-01T00:00:00Z'), updatedBy: 'key:operator-key' });
}

/** A Final EUR CDR of 10 kWh over one hour at 0.35/kWh + 21% VAT: 3.50 + 0.74 = 4.24. */
export function cdrFixture(fields: Partial<CdrDetailView> = {}): CdrDetailView {
  const startedAt = Date.parse('2025-01-10T08:00:00Z');
  const stoppedAt = startedAt + 3_600_000;
  const base: CdrDetailView = {
    cdrId: 'cdr-1', kind: 'Final', correctsCdrId: null, creditedBy: null, chargePointId: 'CP001', transactionId: 7, stationTransactionId: null,
    connectorId: 1, idTag: 'TAG1', idTokenType: null, groupIdToken: null, tariffId: 'standard', currency: 'EUR',
    startedAt: new Date(startedAt).toISOString(), stoppedAt: new Date(stoppedAt).toISOString(), energyWh: 10_000, chargingSeconds: 3600, idleSeconds: 0,
    totalExclVatMinor: 350, vatMinor: 74, totalInclVatMinor: 424, flags: [], tariffVersions: [{ id: 'standard', version: 1 }],
    issuedAt: new Date(stoppedAt + 1_000).toISOString(),
    priced: {
      currency: 'EUR', startedAt, stoppedAt, energyWh: 10_000, chargingSeconds: 3600, idleSeconds: 0,
      periods: [{ start: startedAt, end: stoppedAt, kind: 'CHARGING' }],
      chargingPeriods: [{ start: startedAt, end: stoppedAt, kind: 'CHARGING', energyWh: 10_000, tariffId: 'standard', tariffVersion: 1 }],
      lines: [{
        tariffId: 'standard', tariffVersion: 1, elementIndex: 0, component: 'ENERGY', from: startedAt, to: stoppedAt, unit: 'kWh',
        quantity: '10', billedQuantity: '10', unitPrice: '0.35', vatRate: '21', amountMinor: 350,
      }],
      linesTotalMinor: 350, totalExclVatMinor: 350, vat: [{ rate: '21', baseMinor: 350, vatMinor: 74 }], vatMinor: 74, totalInclVatMinor: 424,
      tariffVersions: [{ id: 'standard', version: 1 }], flags: [],
    },
  };
  return { ...base, ...fields };
}
