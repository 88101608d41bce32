// The tariff and billing read models' queries as one port, so routes can be tested with fakes of
// what the projections answer (their bodies are SQL the unit tests never reach).
import {
  cdrRowsForExport, cdrsForExport, findCdr, findSessionCost, listCdrs, listCredits, statementOf,
} from '@csms/projections/billing/queries.ts';
import { stationSites } from '@csms/projections/charge-points/queries.ts';
import { findRerate, listRerates } from '@csms/projections/rerates/queries.ts';
import {
  findTariff, findTariffAssignment, listTariffAssignments, listTariffs,
} from '@csms/projections/tariffs/queries.ts';

export interface BillingReads {
  readonly listTariffs: typeof listTariffs;
  readonly findTariff: typeof findTariff;
  readonly listTariffAssignments: typeof listTariffAssignments;
  readonly findTariffAssignment: typeof findTariffAssignment;
  readonly listCdrs: typeof listCdrs;
  readonly findCdr: typeof findCdr;
  readonly cdrsForExport: typeof cdrsForExport;
  readonly cdrRowsForExport: typeof cdrRowsForExport;
  readonly listCredits: typeof listCredits;
  readonly findSessionCost: typeof findSessionCost;
  readonly statementOf: typeof statementOf;
  readonly listRerates: typeof listRerates;
  readonly findRerate: typeof findRerate;
  /** Where the stations of an OCPI export stand. */
  readonly stationSites: typeof stationSites;
}

/** The projections' queries themselves, as main.ts and the integration tests use them. */
export const projectionBillingReads: BillingReads = {
  listTariffs, findTariff, listTariffAssignments, findTariffAssignment,
  listCdrs, findCdr, cdrsForExport, cdrRowsForExport, listCredits, findSessionCost, statementOf, listRerates, findRerate,
  stationSites,
};
