// A CDR as OCPI 2.2.1 (CDRs module §10.3): what was billed comes from the priced session
// (toOcpiCdr); who charged comes from the id tag; where, from the station's registered site. A
// station registered without a site leaves address, city, country and coordinates empty, which the
// OCPI schema refuses: such a CDR names the station and its EVSE but is not a valid OCPI CDR.
import {
  toOcpiCdr, type OcpiAuthMethod, type OcpiCdr, type OcpiCdrLocation, type OcpiTariffOwner, type OcpiTokenType, type StationSite,
  type TariffVersion,
} from '@csms/contracts';
import type { CdrDetailView } from '@csms/projections/billing/queries.ts';

/** Who this CSMS is in OCPI (the CPO): the owner of its tariffs and CDRs, without a time of its own. */
export type OcpiParty = Omit<OcpiTariffOwner, 'lastUpdated'>;

/** OCPP 2.0.1 IdTokenEnumType → OCPI TokenType; a 1.6 id tag (no type) is a card. */
export function ocpiTokenType(idTokenType: string | null): OcpiTokenType {
  switch (idTokenType) {
    case null: case 'ISO14443': case 'ISO15693': return 'RFID';
    case 'Central': case 'eMAID': return 'APP_USER';
    case 'NoAuthorization': return 'AD_HOC_USER';
    default: return 'OTHER';
  }
}

/** A remote start (Central) was a command; everything else the CSMS authorized on request. */
function authMethod(idTokenType: string | null): OcpiAuthMethod {
  return idTokenType === 'Central' ? 'COMMAND' : 'AUTH_REQUEST';
}

type SiteFields = Pick<OcpiCdrLocation, 'address' | 'city' | 'postal_code' | 'country' | 'coordinates'>;

/** OCPI leaves postal_code out where there is none (a field absent, not null or ""). */
function siteFields(site: StationSite | null): SiteFields {
  if (site === null) return { address: '', city: '', country: '', coordinates: { latitude: '', longitude: '' } };
  const { address, city, postalCode, country, coordinates: { latitude, longitude } } = site;
  return { address, city, ...(postalCode === null ? {} : { postal_code: postalCode }), country, coordinates: { latitude, longitude } };
}

function location(cdr: CdrDetailView, site: StationSite | null): OcpiCdrLocation {
  const evse = `${cdr.chargePointId}*${cdr.connectorId ?? 0}`;
  return {
    id: cdr.chargePointId, ...siteFields(site),
    evse_uid: evse, evse_id: evse, connector_id: String(cdr.connectorId ?? 0),
    connector_standard: 'IEC_62196_T2', connector_format: 'SOCKET', connector_power_type: 'AC_3_PHASE',
  };
}

export function ocpiCdrOf(
  cdr: CdrDetailView, party: OcpiParty, tariffs: readonly TariffVersion[], site: StationSite | null,
): OcpiCdr {
  const uid = cdr.idTag ?? 'UNKNOWN';
  return toOcpiCdr(cdr.priced, {
    id: cdr.cdrId, countryCode: party.countryCode, partyId: party.partyId,
    sessionId: cdr.stationTransactionId ?? String(cdr.transactionId),
    token: { country_code: party.countryCode, party_id: party.partyId, uid, type: ocpiTokenType(cdr.idTokenType), contract_id: uid },
    authMethod: authMethod(cdr.idTokenType), location: location(cdr, site), tariffs, lastUpdated: Date.parse(cdr.issuedAt),
  });
}
