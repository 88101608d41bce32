// How a tariff grows: a version from a request body, its number, the rule on when it may start,
// validateTariff's verdict, and the whole record (every version) written to the compacted topic.
import {
  NO_RESTRICTIONS, newestVersion, validateTariff, type Tariff, type TariffElement, type TariffProblem, type TariffVersion,
} from '@csms/contracts';
import type { TariffView } from '@csms/projections/tariffs/queries.ts';
import { ApiError } from './errors.ts';

interface RestrictionsBody { readonly [field: string]: unknown }
interface ElementBody {
  readonly priceComponents: readonly { type: TariffElement['priceComponents'][number]['type']; price: string; vatRate?: string | null; stepSize?: number }[];
  readonly restrictions?: RestrictionsBody | null;
}

/** The fields of one version as the api takes them (tariff-schemas.ts). */
export interface VersionBody {
  readonly currency?: string;
  readonly timeZone?: string;
  readonly vatRate?: string;
  readonly minPrice?: string | null;
  readonly maxPrice?: string | null;
  readonly idlePowerThresholdW?: number | null;
  readonly elements: readonly ElementBody[];
  readonly validFrom?: string;
  readonly correction?: boolean;
}

/** The number the next version gets: one above the highest, 1 for a new tariff. */
export function nextVersionNumber(versions: readonly Pick<TariffVersion, 'version'>[]): number {
  return versions.reduce((highest, v) => Math.max(highest, v.version), 0) + 1;
}

/**
 * A version may start now or later. One that starts in the past changes the price of sessions
 * already priced, so it must say so with `correction: true` (re-rating works from those).
 */
export function checkValidFrom(validFrom: number, now: number, correction: boolean): void {
  if (validFrom < now && !correction) {
    throw new ApiError('VALIDATION_FAILED', `validFrom ${new Date(validFrom).toISOString()} is in the past: only a correction ("correction": true) may start before now`);
  }
}

/** 400 TARIFF_INVALID listing every problem of `what` (a version, an OCPI tariff). */
export function tariffInvalid(what: string, problems: readonly TariffProblem[]): ApiError {
  const list = problems.map((p) => `${p.path}: ${p.code}`).join(', ');
  return new ApiError('TARIFF_INVALID', `${what} is not valid: ${list}`, problems);
}

/** 400 TARIFF_INVALID with every problem validateTariff finds. */
export function checkTariff(version: TariffVersion): void {
  const problems = validateTariff(version);
  if (problems.length > 0) throw tariffInvalid(`tariff ${version.id} version ${version.version}`, problems);
}

/** A tariff keeps the currency of its first version: money of two currencies never adds up. */
export function checkSameCurrency(id: string, currency: string, previous: TariffVersion | undefined): void {
  if (previous !== undefined && currency !== previous.currency) {
    throw new ApiError('VALIDATION_FAILED', `tariff ${id} is priced in ${previous.currency}: a version cannot change its currency (create another tariff)`);
  }
}

function element(body: ElementBody): TariffElement {
  return {
    priceComponents: body.priceComponents.map((c) => ({ type: c.type, price: c.price, vatRate: c.vatRate ?? null, stepSize: c.stepSize ?? 1 })),
    restrictions: body.restrictions === undefined || body.restrictions === null ? null : { ...NO_RESTRICTIONS, ...body.restrictions },
  };
}

/** The version a body describes; what it leaves out comes from `previous` (the newest version), when there is one. */
export function versionFromBody(
  body: VersionBody, at: { id: string; version: number; now: number; previous: TariffVersion | undefined },
): TariffVersion {
  const { previous } = at;
  const currency = body.currency ?? previous?.currency;
  const timeZone = body.timeZone ?? previous?.timeZone;
  const vatRate = body.vatRate ?? previous?.vatRate;
  if (currency === undefined || timeZone === undefined || vatRate === undefined) {
    throw new ApiError('VALIDATION_FAILED', 'currency, timeZone and vatRate are required for the first version of a tariff');
  }
  checkSameCurrency(at.id, currency, previous);
  const validFrom = body.validFrom === undefined ? at.now : Date.parse(body.validFrom);
  checkValidFrom(validFrom, at.now, body.correction ?? false);
  const version: TariffVersion = {
    id: at.id, version: at.version, validFrom, currency, timeZone, vatRate,
    minPrice: body.minPrice === undefined ? previous?.minPrice ?? null : body.minPrice,
    maxPrice: body.maxPrice === undefined ? previous?.maxPrice ?? null : body.maxPrice,
    idlePowerThresholdW: body.idlePowerThresholdW === undefined ? previous?.idlePowerThresholdW ?? null : body.idlePowerThresholdW,
    elements: body.elements.map(element),
  };
  checkTariff(version);
  return version;
}

/** The whole record with `version` appended: the compacted topic keeps only the latest value per key. */
export function withVersion(
  current: Pick<TariffView, 'id' | 'name' | 'versions'> | undefined,
  tariff: { id: string; name: string | null; version: TariffVersion; updatedAt: number; updatedBy: string | null },
): Tariff {
  return {
    id: tariff.id, name: current?.name ?? tariff.name, versions: [...(current?.versions ?? []), tariff.version],
    updatedAt: tariff.updatedAt, updatedBy: tariff.updatedBy,
  };
}

/** A version as the api answers it: validFrom as an ISO date-time. */
export function versionView(version: TariffVersion): Omit<TariffVersion, 'validFrom'> & { validFrom: string } {
  return { ...version, validFrom: new Date(version.validFrom).toISOString() };
}

export function tariffResponse(view: TariffView): object {
  return { ...view, versions: view.versions.map(versionView) };
}

/** What was written, for a 202 before the read model shows it. */
export function writtenTariffView(record: Tariff): TariffView {
  const newest = newestVersion(record.versions);
  return {
    id: record.id, name: record.name, currency: newest?.currency ?? '', currentVersion: newest?.version ?? 0, versions: record.versions,
    updatedAt: new Date(record.updatedAt).toISOString(), updatedBy: record.updatedBy,
  };
}
