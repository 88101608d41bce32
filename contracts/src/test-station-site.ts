// A station site that passes every rule the api checks and the OCPI CDR schema holds, for tests
// of the registration record, its read model and the export.
import type { StationSite } from './generated/avro-types.ts';

export const exampleSite: StationSite = {
  address: 'Stationsplein 12', city: 'Utrecht', postalCode: '3511 ED', country: 'NLD',
  coordinates: { latitude: '52.089444', longitude: '5.110278' }, timeZone: 'Europe/Amsterdam',
};
