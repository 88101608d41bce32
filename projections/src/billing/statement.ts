// A monthly statement's pure parts: the UTC month as a stoppedAt period, and the totals per
// currency of the CDRs it lists.
import type { CdrView, StatementTotals } from './queries.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "YYYY-MM" as [from, to) in UTC; the api validates the format, so another one is a caller's bug. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const match = MONTH.exec(month);
  if (match === null) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { from: new Date(Date.UTC(year, index, 1)), to: new Date(Date.UTC(year, index + 1, 1)) };
}

/** One line per currency, in currency order: money of different currencies never adds up. */
export function statementTotals(cdrs: readonly CdrView[]): StatementTotals[] {
  const byCurrency = new Map<string, StatementTotals>();
  for (const cdr of cdrs) {
    const sum = byCurrency.get(cdr.currency) ?? { currency: cdr.currency, sessions: 0, energyWh: 0, totalExclVatMinor: 0, vatMinor: 0, totalInclVatMinor: 0 };
    byCurrency.set(cdr.currency, {
      currency: cdr.currency, sessions: sum.sessions + 1, energyWh: sum.energyWh + cdr.energyWh,
      totalExclVatMinor: sum.totalExclVatMinor + cdr.totalExclVatMinor, vatMinor: sum.vatMinor + cdr.vatMinor,
      totalInclVatMinor: sum.totalInclVatMinor + cdr.totalInclVatMinor,
    });
  }
  return [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}
