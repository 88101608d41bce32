// OCPI 2.2.1 CDR objects (CDRs module §10.3–10.4), with OCPI's field names.
import type { OcpiPrice, OcpiTariff } from './ocpi-types.ts';

export type OcpiTokenType = 'AD_HOC_USER' | 'APP_USER' | 'OTHER' | 'RFID';
export type OcpiAuthMethod = 'AUTH_REQUEST' | 'COMMAND' | 'WHITELIST';
export type OcpiConnectorFormat = 'SOCKET' | 'CABLE';
export type OcpiPowerType = 'AC_1_PHASE' | 'AC_2_PHASE' | 'AC_2_PHASE_SPLIT' | 'AC_3_PHASE' | 'DC';
/** The CdrDimensionTypes a priced session fills; 2.2.1 has no FLAT dimension (the fee is total_fixed_cost). */
export type OcpiCdrDimensionType = 'ENERGY' | 'TIME' | 'PARKING_TIME';

export interface OcpiCdrToken {
  country_code: string;
  party_id: string;
  uid: string;
  type: OcpiTokenType;
  contract_id: string;
}

export interface OcpiCdrLocation {
  id: string;
  name?: string;
  address: string;
  city: string;
  postal_code?: string;
  state?: string;
  country: string;
  coordinates: { latitude: string; longitude: string };
  evse_uid: string;
  evse_id: string;
  connector_id: string;
  connector_standard: string;
  connector_format: OcpiConnectorFormat;
  connector_power_type: OcpiPowerType;
}

export interface OcpiChargingPeriod {
  start_date_time: string;
  dimensions: { type: OcpiCdrDimensionType; volume: number }[];
  tariff_id?: string;
}

export interface OcpiCdr {
  country_code: string;
  party_id: string;
  id: string;
  start_date_time: string;
  end_date_time: string;
  session_id?: string;
  cdr_token: OcpiCdrToken;
  auth_method: OcpiAuthMethod;
  cdr_location: OcpiCdrLocation;
  currency: string;
  tariffs: OcpiTariff[];
  charging_periods: OcpiChargingPeriod[];
  total_cost: OcpiPrice;
  total_fixed_cost?: OcpiPrice;
  total_energy: number;
  total_energy_cost?: OcpiPrice;
  total_time: number;
  total_time_cost?: OcpiPrice;
  total_parking_time: number;
  total_parking_cost?: OcpiPrice;
  remark?: string;
  last_updated: string;
}
