// Billing records shared by the unit and integration tests: a tariff with two versions, its
// assignments, a session's running costs, its CDR, and a re-rating's credit and correction.
import { createHash } from 'node:crypto';
import type {
  CdrCredited, CdrIssued, PricedSession, SessionCostUpdated, Tariff, TariffAssignment, TariffVersion,
} from '@csms/contracts';
import { T0 } from './test-events.ts';

const MINUTE = 60_000;

export function tariffVersion(overrides: Partial<TariffVersion> = {}): TariffVersion {
  return {
    id: 'T-STD', version: 1, validFrom: Date.UTC(2024, 0, 1), currency: 'EUR', timeZone: 'Europe/Amsterdam', vatRate: '21',
    minPrice: null, maxPrice: null, idlePowerThresholdW: 500,
    elements: [{
      priceComponents: [
        { type: 'ENERGY', price: '0.35', vatRate: null, stepSize: 1 },
        { type: 'PARKING_TIME', price: '2.40', vatRate: null, stepSize: 300 },
      ],
      restrictions: null,
    }],
    ...overrides,
  };
}

/** A tariff whose versions are 1..n of tariffVersion, each valid a day after the one before. */
export function tariff(id: string, versions = 1, overrides: Partial<Tariff> = {}): Tariff {
  return {
    id, name: `Tariff ${id}`, updatedAt: T0 - MINUTE, updatedBy: 'key:admin',
    versions: Array.from({ length: versions }, (_, i) => tariffVersion({ id, version: i + 1, validFrom: Date.UTC(2024, 0, 1 + i) })),
    ...overrides,
  };
}

export function assignment(scope: TariffAssignment['scope'], tariffId: string, where: Partial<TariffAssignment> = {}): TariffAssignment {
  return { scope, chargePointId: null, evseId: null, groupIdToken: null, tariffId, updatedAt: T0 - MINUTE, updatedBy: 'key:admin', ...where };
}

export function sessionCost(
  chargePointId: string, transactionId: number, asOf: number, totalExclVatMinor: number, overrides: Partial<SessionCostUpdated> = {},
): SessionCostUpdated {
  const vatMinor = Math.round(totalExclVatMinor * 0.21);
  return {
    type: 'SessionCostUpdated', chargePointId, at: asOf + 150, transactionId, tariffId: 'T-STD', currency: 'EUR', asOf,
    energyWh: Math.round(totalExclVatMinor / 0.035), chargingSeconds: (asOf - T0) / 1000, idleSeconds: 0,
    totalExclVatMinor, vatMinor, totalInclVatMinor: totalExclVatMinor + vatMinor, flags: ['PROVISIONAL'], ...overrides,
  };
}

/** What pricing would say of a session: energy at 0.35 EUR/kWh, 21 % VAT. */
export function pricedSession(startedAt: number, stoppedAt: number, energyWh: number, overrides: Partial<PricedSession> = {}): PricedSession {
  const totalExclVatMinor = Math.round(energyWh * 0.035);
  const vatMinor = Math.round(totalExclVatMinor * 0.21);
  return {
    currency: 'EUR', startedAt, stoppedAt, energyWh, chargingSeconds: (stoppedAt - startedAt) / 1000, idleSeconds: 0,
    periods: [{ start: startedAt, end: stoppedAt, kind: 'CHARGING' }],
    chargingPeriods: [{ start: startedAt, end: stoppedAt, kind: 'CHARGING', energyWh, tariffId: 'T-STD', tariffVersion: 1 }],
    lines: [{
      tariffId: 'T-STD', tariffVersion: 1, elementIndex: 0, component: 'ENERGY', from: startedAt, to: stoppedAt, unit: 'kWh',
      quantity: String(energyWh / 1000), billedQuantity: String(energyWh / 1000), unitPrice: '0.35', vatRate: '21', amountMinor: totalExclVatMinor,
    }],
    linesTotalMinor: totalExclVatMinor, totalExclVatMinor,
    vat: [{ rate: '21', baseMinor: totalExclVatMinor, vatMinor }], vatMinor, totalInclVatMinor: totalExclVatMinor + vatMinor,
    tariffVersions: [{ id: 'T-STD', version: 1 }], flags: [],
    ...overrides,
  };
}

/**
 * The CDR of a session that ran from startedAt for an hour (Final unless overrides.kind says
 * otherwise), its id derived from the session as the billing processor derives it: CDR-<cp>-<tx>
 * for a Final, CDR-<cp>-<tx>-NO_STOP (and the NO_STOP flag) for the Provisional of a session
 * that went quiet.
 */
export function cdrIssued(chargePointId: string, transactionId: number, startedAt: number, overrides: Partial<CdrIssued> = {}): CdrIssued {
  const stoppedAt = startedAt + 60 * MINUTE;
  const provisional = overrides.kind === 'Provisional';
  const id = `CDR-${chargePointId}-${transactionId}`;
  return {
    type: 'CdrIssued', chargePointId, at: stoppedAt + 200, cdrId: provisional ? `${id}-NO_STOP` : id, kind: 'Final',
    correctsCdrId: null, transactionId, stationTransactionId: null, connectorId: 1, idTag: 'RFID-12345', idTokenType: null,
    groupIdToken: 'FLEET-1', tariffId: 'T-STD', priced: pricedSession(startedAt, stoppedAt, 22_000, provisional ? { flags: ['NO_STOP'] } : {}),
    ...overrides,
  };
}

/** As the re-rating tags what it writes: the first 16 hex digits of the new price's SHA-256. */
function fingerprint(priced: PricedSession): string {
  return createHash('sha256').update(JSON.stringify(priced)).digest('hex').slice(0, 16);
}

/**
 * A re-rating's correction of a CDR, priced anew (here at a different energy): its id is the
 * session's CDR id (without an earlier correction's tag) and -C<the new price's fingerprint>.
 */
export function cdrCorrection(credited: CdrIssued, at: number, energyWh: number): CdrIssued {
  const priced = pricedSession(credited.priced.startedAt, credited.priced.stoppedAt, energyWh, { tariffVersions: [{ id: 'T-STD', version: 2 }] });
  const root = credited.cdrId.replace(/-C[0-9a-f]{16}$/, '');
  return { ...credited, at, cdrId: `${root}-C${fingerprint(priced)}`, kind: 'Correction', correctsCdrId: credited.cdrId, priced };
}

/**
 * The credit a re-rating writes before its correction: the credited CDR's amounts, negated, its id
 * the credited CDR's and -CREDIT-<the correction's price fingerprint>.
 */
export function cdrCredited(credited: CdrIssued, correction: CdrIssued, at: number): CdrCredited {
  return {
    type: 'CdrCredited', chargePointId: credited.chargePointId, at, creditId: `${credited.cdrId}-CREDIT-${fingerprint(correction.priced)}`,
    creditedCdrId: credited.cdrId, transactionId: credited.transactionId, currency: credited.priced.currency,
    totalExclVatMinor: -credited.priced.totalExclVatMinor, vatMinor: -credited.priced.vatMinor,
    totalInclVatMinor: -credited.priced.totalInclVatMinor, reason: 'Tariff version 2 corrected the energy price', requestedBy: 'key:admin',
  };
}
