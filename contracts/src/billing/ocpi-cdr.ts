// One priced session as an OCPI 2.2.1 CDR. Everything billed comes from the PricedSession, so
// the CDR says exactly what the running cost said; the caller supplies who and where. Money
// goes out in major units (OCPI Price is a number), energy in kWh and durations in hours.
import { minorUnitExponent } from './currency.ts';
import { divideHalfUp, formatScaled } from './decimal.ts';
import type { OcpiAuthMethod, OcpiCdr, OcpiCdrLocation, OcpiCdrToken, OcpiChargingPeriod } from './ocpi-cdr-types.ts';
import { toOcpiTariff } from './ocpi.ts';
import type { OcpiPrice } from './ocpi-types.ts';
import type { PricedChargingPeriod, PricedSession } from './priced-session.ts';
import type { TariffVersion, TariffDimension } from './tariff.ts';

export interface CdrDetails {
  readonly id: string;
  /** The CPO that issues the CDR. */
  readonly countryCode: string;
  readonly partyId: string;
  readonly sessionId: string | null;
  readonly token: OcpiCdrToken;
  readonly authMethod: OcpiAuthMethod;
  readonly location: OcpiCdrLocation;
  /** The tariff's versions; those the session used go into the CDR. */
  readonly tariffs: readonly TariffVersion[];
  /** Epoch ms. */
  readonly lastUpdated: number;
}

export function toOcpiCdr(priced: PricedSession, details: CdrDetails): OcpiCdr {
  const exponent = minorUnitExponent(priced.currency);
  const money = (minor: number, inclMinor: number | null = null): OcpiPrice => ({
    excl_vat: Number(formatScaled(BigInt(minor), exponent)),
    ...(inclMinor === null ? {} : { incl_vat: Number(formatScaled(BigInt(inclMinor), exponent)) }),
  });
  const costOf = (component: TariffDimension): OcpiPrice | undefined => {
    const lines = priced.lines.filter((line) => line.component === component);
    return lines.length === 0 ? undefined : money(lines.reduce((sum, line) => sum + line.amountMinor, 0));
  };
  const used = details.tariffs.filter((tariff) => priced.tariffVersions.some((v) => v.id === tariff.id && v.version === tariff.version));
  const optional = {
    session_id: details.sessionId ?? undefined,
    total_fixed_cost: costOf('FLAT'),
    total_energy_cost: costOf('ENERGY'),
    total_time_cost: costOf('TIME'),
    total_parking_cost: costOf('PARKING_TIME'),
    // The pricing flags tell the eMSP why a bill may look odd (a register reset, a skewed clock).
    remark: priced.flags.length === 0 ? undefined : priced.flags.join(' ').slice(0, 255),
  };
  return {
    country_code: details.countryCode,
    party_id: details.partyId,
    id: details.id,
    start_date_time: isoTime(priced.startedAt),
    end_date_time: isoTime(priced.stoppedAt),
    cdr_token: details.token,
    auth_method: details.authMethod,
    cdr_location: details.location,
    currency: priced.currency,
    tariffs: used.map((tariff) => toOcpiTariff(tariff, { countryCode: details.countryCode, partyId: details.partyId, lastUpdated: details.lastUpdated })),
    charging_periods: ocpiChargingPeriods(priced),
    total_cost: money(priced.totalExclVatMinor, priced.totalInclVatMinor),
    total_energy: priced.energyWh / 1000,
    total_time: hours((priced.stoppedAt - priced.startedAt)),
    total_parking_time: hours(priced.idleSeconds * 1000),
    last_updated: isoTime(details.lastUpdated),
    ...(Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) as Partial<OcpiCdr>),
  };
}

function ocpiChargingPeriods(priced: PricedSession): OcpiChargingPeriod[] {
  // OCPI wants at least one; a session of no duration gets one holding its energy.
  const periods: readonly PricedChargingPeriod[] = priced.chargingPeriods.length > 0 ? priced.chargingPeriods : [{ start: priced.startedAt, end: priced.startedAt, kind: 'CHARGING', energyWh: priced.energyWh, tariffId: '', tariffVersion: 0 }];
  return periods.map((period) => {
    const dimensions: OcpiChargingPeriod['dimensions'] = [];
    if (period.energyWh > 0 || period.end === period.start) dimensions.push({ type: 'ENERGY', volume: period.energyWh / 1000 });
    if (period.end > period.start) dimensions.push({ type: period.kind === 'CHARGING' ? 'TIME' : 'PARKING_TIME', volume: hours(period.end - period.start) });
    return { start_date_time: isoTime(period.start), dimensions, ...(period.tariffId === '' ? {} : { tariff_id: period.tariffId }) };
  });
}

/** Hours to six decimals (3.6 ms), half-up: an hour count is rarely a finite decimal. */
function hours(ms: number): number {
  return Number(formatScaled(divideHalfUp(BigInt(Math.round(ms)) * 1_000_000n, 3_600_000n), 6));
}

function isoTime(instant: number): string {
  return new Date(instant).toISOString();
}
