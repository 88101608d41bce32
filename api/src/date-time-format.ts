// The api's `date-time` format. ajv-formats checks RFC 3339 to the letter, leap second included
// (2016-12-31T23:59:60Z, RFC 3339 §5.7), but JavaScript's Date holds no leap second: Date.parse
// gives NaN, which PostgreSQL refuses (a 500 on a filter) and the Avro encoder cannot write (an
// id tag's expiryDate). Every date-time the api takes is a filter or an expiry date, so it must
// also be a date Date represents, from 1970 up to (not including) 2100: the window the
// gateway's value rules hold station dates to (contracts: value-rules.ts). Anything else is a 400.
import type { FastifyServerOptions } from 'fastify';
import { FIRST_YEAR_REFUSED } from '@csms/contracts';

type AjvInstance = Parameters<NonNullable<NonNullable<FastifyServerOptions['ajv']>['onCreate']>>[0];
type AddedFormat = AjvInstance['formats'][string];

const EARLIEST_MS = Date.UTC(1970, 0, 1);
const FIRST_MS_REFUSED = Date.UTC(FIRST_YEAR_REFUSED, 0, 1);

/** Whether Date reads `text` as an instant within 1970-01-01 .. 2100-01-01 (exclusive). */
export function isRepresentableDateTime(text: string): boolean {
  const ms = Date.parse(text);
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < FIRST_MS_REFUSED;
}

type TextCheck = (text: string) => unknown;

/** The format is declared for strings (`type: 'string'`), so its function takes one. */
function isTextCheck(validate: unknown): validate is TextCheck {
  return typeof validate === 'function';
}

/** The format ajv-formats added, as a check; start-up fails on a shape this cannot call. */
function asCheck(format: AddedFormat | undefined): (text: string) => boolean {
  const validate = typeof format === 'object' && !(format instanceof RegExp) ? format.validate : format;
  if (validate instanceof RegExp) return (text) => validate.test(text);
  if (isTextCheck(validate)) return (text) => validate(text) === true;
  throw new Error('the date-time format to narrow is not a synchronous check');
}

/** For fastify's `ajv.onCreate`: runs after ajv-formats, so its RFC 3339 check stays and this one is added to it. */
export function representableDateTimes(ajv: AjvInstance): void {
  const rfc3339 = asCheck(ajv.formats['date-time']);
  ajv.addFormat('date-time', { type: 'string', validate: (text: string) => rfc3339(text) && isRepresentableDateTime(text) });
}
