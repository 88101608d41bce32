// The OCPI 2.2.1 JSON objects this module reads and writes (Tariffs module §11.3–11.4, CDRs
// module §10.3–10.4), with OCPI's own field names. Optional fields are absent, not null, as
// the spec's cardinality "?" means.
import type { DayOfWeek, TariffDimension } from './tariff.ts';

export interface OcpiPrice {
  excl_vat: number;
  incl_vat?: number;
}

export interface OcpiPriceComponent {
  type: TariffDimension;
  price: number;
  vat?: number;
  step_size: number;
}

export interface OcpiTariffRestrictions {
  start_time?: string;
  end_time?: string;
  start_date?: string;
  end_date?: string;
  min_kwh?: number;
  max_kwh?: number;
  min_current?: number;
  max_current?: number;
  min_power?: number;
  max_power?: number;
  min_duration?: number;
  max_duration?: number;
  day_of_week?: DayOfWeek[];
}

export interface OcpiTariffElement {
  price_components: OcpiPriceComponent[];
  restrictions?: OcpiTariffRestrictions;
}

export interface OcpiTariff {
  country_code: string;
  party_id: string;
  id: string;
  currency: string;
  min_price?: OcpiPrice;
  max_price?: OcpiPrice;
  elements: OcpiTariffElement[];
  start_date_time?: string;
  last_updated: string;
}
