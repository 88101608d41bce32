// A station's site as the api takes and shows it. The lengths and patterns are OCPI 2.2.1's
// (Location §8.3.1, GeoLocation §8.4.13), so whatever is accepted here makes a valid cdr_location
// (CDR §10.4.5); what a JSON schema cannot say (ranges, a known time zone, one line) is checked
// after it. Text rules common to every body (no NUL, no lone surrogate) are the edge guards'.
import { isTimeZone, type StationSite } from '@csms/contracts';
import { ApiError } from './errors.ts';

/** What a caller sends: the optional parts may be left out. */
export interface SiteBody {
  readonly address: string;
  readonly city: string;
  readonly postalCode?: string | null;
  readonly country: string;
  readonly coordinates: { readonly latitude: string; readonly longitude: string };
  readonly timeZone?: string | null;
}

const line = (maxLength: number, description: string) => ({ type: 'string', minLength: 1, maxLength, description }) as const;

const coordinates = {
  type: 'object', required: ['latitude', 'longitude'], additionalProperties: false,
  description: 'OCPI GeoLocation: decimal degrees (WGS 84) as strings with 5 to 7 decimals',
  properties: {
    latitude: { type: 'string', maxLength: 10, pattern: '^-?[0-9]{1,2}\\.[0-9]{5,7}$', examples: ['52.089444'] },
    longitude: { type: 'string', maxLength: 11, pattern: '^-?[0-9]{1,3}\\.[0-9]{5,7}$', examples: ['5.110278'] },
  },
} as const;

const siteProperties = {
  address: line(45, 'Street and number (OCPI address)'),
  city: line(45, 'City or town'),
  postalCode: { type: ['string', 'null'], minLength: 1, maxLength: 10, description: 'OCPI postal_code' },
  country: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 3166-1 alpha-3, three uppercase letters (NLD, DEU, BEL)' },
  coordinates,
  timeZone: { type: ['string', 'null'], minLength: 1, maxLength: 64, description: 'IANA time zone of the site (Europe/Amsterdam)' },
} as const;

export const exampleSiteBody = {
  address: 'Stationsplein 12', city: 'Utrecht', postalCode: '3511 ED', country: 'NLD',
  coordinates: { latitude: '52.089444', longitude: '5.110278' }, timeZone: 'Europe/Amsterdam',
} as const satisfies SiteBody;

export const siteBodySchema = {
  type: ['object', 'null'], required: ['address', 'city', 'country', 'coordinates'], additionalProperties: false,
  description: 'Where the station stands, as OCPI names it; the OCPI CDR export\'s cdr_location. null clears it.',
  properties: siteProperties, examples: [exampleSiteBody],
} as const;

export const siteViewSchema = {
  type: ['object', 'null'], description: 'Where the station stands; null when not given',
  properties: siteProperties,
} as const;

/** Why the site cannot be stored, as a message naming the part; null when it is fine. */
export function siteProblem(site: SiteBody): string | null {
  if (/[\r\n\t]/.test(site.address) || /[\r\n\t]/.test(site.city) || /[\r\n\t]/.test(site.postalCode ?? '')) {
    return 'body/site: address, city and postalCode are single lines (OCPI string fields)';
  }
  if (Math.abs(Number(site.coordinates.latitude)) > 90) return 'body/site/coordinates/latitude must be within -90 and 90 degrees';
  if (Math.abs(Number(site.coordinates.longitude)) > 180) return 'body/site/coordinates/longitude must be within -180 and 180 degrees';
  if (site.timeZone != null && !isTimeZone(site.timeZone)) return 'body/site/timeZone is not an IANA time zone';
  return null;
}

/** The record's site: null when cleared, checked and with its optional parts null when given. */
export function siteRecord(site: SiteBody | null): StationSite | null {
  if (site === null) return null;
  const problem = siteProblem(site);
  if (problem !== null) throw new ApiError('VALIDATION_FAILED', problem);
  return {
    address: site.address, city: site.city, postalCode: site.postalCode ?? null, country: site.country,
    coordinates: { latitude: site.coordinates.latitude, longitude: site.coordinates.longitude }, timeZone: site.timeZone ?? null,
  };
}
