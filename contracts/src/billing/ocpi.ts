// A tariff version to and from OCPI 2.2.1 Tariff JSON. What OCPI has no field for (our version
// number, the time zone, which is the Location's in OCPI, the default VAT rate and the idle
// threshold) comes in with the import options; a round trip keeps everything both models hold.
import { canonicalDecimal, decimalOfNumber } from './decimal.ts';
import type { OcpiPriceComponent, OcpiTariff, OcpiTariffElement, OcpiTariffRestrictions } from './ocpi-types.ts';
import { readOcpiTariff } from './ocpi-read.ts';
import type { PriceComponent, TariffVersion, TariffElement, TariffRestrictions } from './tariff.ts';
import { validateTariff, type TariffProblem } from './validate-tariff.ts';

export interface OcpiTariffOwner {
  readonly countryCode: string;
  readonly partyId: string;
  /** Epoch ms. */
  readonly lastUpdated: number;
}

export interface OcpiImportOptions {
  readonly version: number;
  readonly timeZone: string;
  /** For components that carry no vat; components whose vat equals it keep vatRate null. */
  readonly vatRate: string;
  readonly idlePowerThresholdW: number | null;
}

export function toOcpiTariff(tariff: TariffVersion, owner: OcpiTariffOwner): OcpiTariff {
  return {
    country_code: owner.countryCode,
    party_id: owner.partyId,
    id: tariff.id,
    currency: tariff.currency,
    ...(tariff.minPrice === null ? {} : { min_price: { excl_vat: Number(tariff.minPrice) } }),
    ...(tariff.maxPrice === null ? {} : { max_price: { excl_vat: Number(tariff.maxPrice) } }),
    elements: tariff.elements.map((element) => ocpiElement(element, tariff.vatRate)),
    start_date_time: new Date(tariff.validFrom).toISOString(),
    last_updated: new Date(owner.lastUpdated).toISOString(),
  };
}

function ocpiElement(element: TariffElement, vatRate: string): OcpiTariffElement {
  const price_components = element.priceComponents.map(
    (component): OcpiPriceComponent => ({ type: component.type, price: Number(component.price), vat: Number(component.vatRate ?? vatRate), step_size: component.stepSize }),
  );
  return element.restrictions === null ? { price_components } : { price_components, restrictions: ocpiRestrictions(element.restrictions) };
}

function ocpiRestrictions(r: TariffRestrictions): OcpiTariffRestrictions {
  const fields: [keyof OcpiTariffRestrictions, unknown][] = [
    ['start_time', r.startTime],
    ['end_time', r.endTime],
    ['start_date', r.startDate],
    ['end_date', r.endDate],
    ['min_kwh', r.minKwh],
    ['max_kwh', r.maxKwh],
    ['min_current', r.minCurrentA],
    ['max_current', r.maxCurrentA],
    ['min_power', r.minPowerKw],
    ['max_power', r.maxPowerKw],
    ['min_duration', r.minDurationSeconds],
    ['max_duration', r.maxDurationSeconds],
    ['day_of_week', r.dayOfWeek === null ? null : [...r.dayOfWeek]],
  ];
  return Object.fromEntries(fields.filter(([, value]) => value !== null)) as OcpiTariffRestrictions;
}

/** An OCPI Tariff (untrusted JSON) as a tariff version, or what is wrong with it. */
export function fromOcpiTariff(json: unknown, options: OcpiImportOptions): { tariff: TariffVersion } | { problems: TariffProblem[] } {
  const read = readOcpiTariff(json);
  if ('problems' in read) return read;
  const ocpi = read.ocpi;
  const defaultVat = canonicalDecimal(options.vatRate);
  const unreadable: TariffProblem[] = [];
  const tariff: TariffVersion = {
    id: ocpi.id,
    version: options.version,
    validFrom: read.validFrom,
    currency: ocpi.currency,
    timeZone: options.timeZone,
    vatRate: options.vatRate,
    minPrice: ocpi.min_price === undefined ? null : decimalOfNumber(ocpi.min_price.excl_vat),
    maxPrice: ocpi.max_price === undefined ? null : decimalOfNumber(ocpi.max_price.excl_vat),
    idlePowerThresholdW: options.idlePowerThresholdW,
    elements: ocpi.elements.map((element, e) => ({
      priceComponents: element.price_components.map((component, c) => priceComponent(component, defaultVat, `/elements/${e}/priceComponents/${c}`, unreadable)),
      restrictions: element.restrictions === undefined ? null : restrictions(element.restrictions),
    })),
  };
  const problems = [...unreadable, ...validateTariff(tariff)];
  return problems.length > 0 ? { problems } : { tariff };
}

/** A price component, or (with a zero price, never used) a BAD_DECIMAL in `problems` when its price is no decimal. */
function priceComponent(component: OcpiPriceComponent, defaultVat: string, path: string, problems: TariffProblem[]): PriceComponent {
  const vat = component.vat === undefined ? null : decimalOfNumber(component.vat);
  const price = decimalOfNumber(component.price);
  if (price === null) problems.push({ path: `${path}/price`, code: 'BAD_DECIMAL' });
  return {
    type: component.type,
    price: price ?? '0',
    vatRate: vat === null || vat === defaultVat ? null : vat,
    // OCPI tariffs in the wild write step_size 0 for "no step"; here that is a step of 1.
    stepSize: Math.max(component.step_size, 1),
  };
}

function restrictions(r: OcpiTariffRestrictions): TariffRestrictions {
  return {
    startTime: r.start_time ?? null,
    endTime: r.end_time ?? null,
    startDate: r.start_date ?? null,
    endDate: r.end_date ?? null,
    minKwh: r.min_kwh ?? null,
    maxKwh: r.max_kwh ?? null,
    minPowerKw: r.min_power ?? null,
    maxPowerKw: r.max_power ?? null,
    minCurrentA: r.min_current ?? null,
    maxCurrentA: r.max_current ?? null,
    minDurationSeconds: r.min_duration ?? null,
    maxDurationSeconds: r.max_duration ?? null,
    dayOfWeek: r.day_of_week ?? null,
  };
}
