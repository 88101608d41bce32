// Checks a tariff version before anything prices with it; the api answers 400 with these.
// Pricing assumes a tariff that passed: it does not re-check what is refused here.
import { isCurrencyCode } from './currency.ts';
import { compareDecimals, isDecimalString } from './decimal.ts';
import { isTimeZone } from './local-time.ts';
import { DAYS_OF_WEEK, type PriceComponent, type TariffVersion, type TariffRestrictions } from './tariff.ts';

export type TariffProblemCode =
  | 'BAD_ID'
  | 'BAD_VERSION'
  | 'BAD_VALID_FROM'
  | 'BAD_CURRENCY'
  | 'BAD_TIME_ZONE'
  | 'BAD_DECIMAL'
  | 'NEGATIVE_AMOUNT'
  | 'BAD_NUMBER'
  | 'BAD_STEP_SIZE'
  | 'NO_ELEMENTS'
  | 'NO_PRICE_COMPONENTS'
  | 'BAD_TIME'
  | 'BAD_DATE'
  | 'BAD_DAY_OF_WEEK'
  | 'MIN_ABOVE_MAX'
  /** OCPI import only: the JSON does not have the shape of an OCPI 2.2.1 Tariff. */
  | 'BAD_OCPI_JSON'
  /** OCPI import only: a restriction this engine cannot price (reservation). */
  | 'UNSUPPORTED_RESTRICTION';

export interface TariffProblem {
  /** Where, as a JSON-pointer-like path into the tariff: "/elements/0/priceComponents/1/price". */
  readonly path: string;
  readonly code: TariffProblemCode;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const YYYY_MM_DD = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function validateTariff(tariff: TariffVersion): TariffProblem[] {
  const problems: TariffProblem[] = [];
  const add = (path: string, code: TariffProblemCode): void => void problems.push({ path, code });
  if (tariff.id.length === 0 || tariff.id.length > 36) add('/id', 'BAD_ID');
  if (!Number.isSafeInteger(tariff.version) || tariff.version < 1) add('/version', 'BAD_VERSION');
  if (!Number.isSafeInteger(tariff.validFrom)) add('/validFrom', 'BAD_VALID_FROM');
  if (!isCurrencyCode(tariff.currency)) add('/currency', 'BAD_CURRENCY');
  if (!isTimeZone(tariff.timeZone)) add('/timeZone', 'BAD_TIME_ZONE');
  checkAmount(tariff.vatRate, '/vatRate', add);
  if (tariff.minPrice !== null) checkAmount(tariff.minPrice, '/minPrice', add);
  if (tariff.maxPrice !== null) checkAmount(tariff.maxPrice, '/maxPrice', add);
  if (tariff.minPrice !== null && tariff.maxPrice !== null && isNonNegativeDecimal(tariff.minPrice) && isNonNegativeDecimal(tariff.maxPrice)) {
    if (compareDecimals(tariff.minPrice, tariff.maxPrice) > 0) add('/minPrice', 'MIN_ABOVE_MAX');
  }
  if (tariff.idlePowerThresholdW !== null) checkNumber(tariff.idlePowerThresholdW, '/idlePowerThresholdW', add);
  if (tariff.elements.length === 0) add('/elements', 'NO_ELEMENTS');
  tariff.elements.forEach((element, index) => {
    const path = `/elements/${index}`;
    if (element.priceComponents.length === 0) add(`${path}/priceComponents`, 'NO_PRICE_COMPONENTS');
    element.priceComponents.forEach((component, c) => checkComponent(component, `${path}/priceComponents/${c}`, add));
    if (element.restrictions !== null) checkRestrictions(element.restrictions, `${path}/restrictions`, add);
  });
  return problems;
}

type Add = (path: string, code: TariffProblemCode) => void;

function checkComponent(component: PriceComponent, path: string, add: Add): void {
  checkAmount(component.price, `${path}/price`, add);
  if (component.vatRate !== null) checkAmount(component.vatRate, `${path}/vatRate`, add);
  if (!Number.isSafeInteger(component.stepSize) || component.stepSize < 1) add(`${path}/stepSize`, 'BAD_STEP_SIZE');
}

function checkRestrictions(r: TariffRestrictions, path: string, add: Add): void {
  for (const key of ['startTime', 'endTime'] as const) {
    const value = r[key];
    if (value !== null && !HH_MM.test(value)) add(`${path}/${key}`, 'BAD_TIME');
  }
  for (const key of ['startDate', 'endDate'] as const) {
    const value = r[key];
    if (value !== null && !isCalendarDate(value)) add(`${path}/${key}`, 'BAD_DATE');
  }
  const ranges = [
    ['minKwh', 'maxKwh'],
    ['minPowerKw', 'maxPowerKw'],
    ['minCurrentA', 'maxCurrentA'],
    ['minDurationSeconds', 'maxDurationSeconds'],
  ] as const;
  for (const [minKey, maxKey] of ranges) {
    const min = r[minKey];
    const max = r[maxKey];
    if (min !== null) checkNumber(min, `${path}/${minKey}`, add);
    if (max !== null) checkNumber(max, `${path}/${maxKey}`, add);
    if (min !== null && max !== null && min > max) add(`${path}/${minKey}`, 'MIN_ABOVE_MAX');
  }
  r.dayOfWeek?.forEach((day, index) => {
    if (!DAYS_OF_WEEK.includes(day)) add(`${path}/dayOfWeek/${index}`, 'BAD_DAY_OF_WEEK');
  });
}

function checkAmount(value: string, path: string, add: Add): void {
  if (!isDecimalString(value)) add(path, 'BAD_DECIMAL');
  else if (value.startsWith('-')) add(path, 'NEGATIVE_AMOUNT');
}

function checkNumber(value: number, path: string, add: Add): void {
  if (!Number.isFinite(value) || value < 0) add(path, 'BAD_NUMBER');
}

function isNonNegativeDecimal(value: string): boolean {
  return isDecimalString(value) && !value.startsWith('-');
}

function isCalendarDate(text: string): boolean {
  if (!YYYY_MM_DD.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
