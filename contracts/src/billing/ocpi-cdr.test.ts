import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toOcpiCdr, type CdrDetails } from './ocpi-cdr.ts';
import { ocpiCdrProblems } from './ocpi-cdr-schema.ts';
import { priceSession } from './pricing.ts';
import { component, element, MINUTE, OPTIONS, reading, session, T0, tariff } from './test-builders.ts';

const v1 = tariff([element([component('ENERGY', '0.30', 1000), component('TIME', '1.20', 300), component('PARKING_TIME', '6'), component('FLAT', '0.50')])]);
const v2 = tariff([element([component('ENERGY', '0.40'), component('PARKING_TIME', '6')])], { version: 2, validFrom: T0 + 20 * MINUTE });
const details: CdrDetails = {
  id: 'CDR-T1-0001',
  countryCode: 'NL',
  partyId: 'CSM',
  sessionId: 'tx-42',
  token: { country_code: 'NL', party_id: 'EMS', uid: '04A1B2C3', type: 'RFID', contract_id: 'NL-EMS-C12345678-X' },
  authMethod: 'WHITELIST',
  location: {
    id: 'LOC1',
    address: 'Stationsplein 1',
    city: 'Amsterdam',
    country: 'NLD',
    coordinates: { latitude: '52.378900', longitude: '4.900300' },
    evse_uid: 'CP001-1',
    evse_id: 'NL*CSM*E0001*1',
    connector_id: '1',
    connector_standard: 'IEC_62196_T2',
    connector_format: 'SOCKET',
    connector_power_type: 'AC_3_PHASE',
  },
  tariffs: [v1, v2],
  lastUpdated: T0 + 2 * 60 * MINUTE,
};
const usage = session({ readings: [reading(T0, 1000, 11_000), reading(T0 + 45 * MINUTE, 10_800, 11_000)], chargingStates: [{ at: T0, state: 'Charging' }, { at: T0 + 45 * MINUTE, state: 'SuspendedEV' }] });

describe('Given a priced session under a tariff that changed mid-session', () => {
  const priced = priceSession(usage, [v1, v2], OPTIONS);
  const cdr = toOcpiCdr(priced, details);
  it('When exported as an OCPI 2.2.1 CDR, then it validates against the CDR schema', () => {
    assert.deepEqual(ocpiCdrProblems(cdr), []);
  });
  it('When exported, then totals, periods and tariffs match the priced session', () => {
    assert.deepEqual(cdr.total_cost, { excl_vat: priced.totalExclVatMinor / 100, incl_vat: priced.totalInclVatMinor / 100 });
    assert.equal(cdr.total_energy, 10);
    assert.deepEqual([cdr.total_time, cdr.total_parking_time], [1, 0.25]);
    assert.deepEqual(cdr.tariffs.map((t) => t.start_date_time), [new Date(v1.validFrom).toISOString(), new Date(v2.validFrom).toISOString()]);
    assert.deepEqual(
      cdr.charging_periods.map((period) => period.dimensions.map((d) => `${d.type}:${d.volume}`).join(' ')),
      // The last 0.2 kWh reached the register after the EV suspended: it is sold, during parking.
      ['ENERGY:4.356 TIME:0.333333', 'ENERGY:5.444 TIME:0.416667', 'ENERGY:0.2 PARKING_TIME:0.25'],
    );
    const energy = cdr.charging_periods.flatMap((period) => period.dimensions).filter((d) => d.type === 'ENERGY');
    assert.equal(Math.round(energy.reduce((sum, d) => sum + d.volume * 1000, 0)), priced.energyWh);
    assert.equal(cdr.total_fixed_cost?.excl_vat, 0.5);
  });
  it('When the CDR lacks a required field, then the schema refuses it', () => {
    const { cdr_token: _dropped, ...withoutToken } = cdr;
    assert.match(ocpiCdrProblems(withoutToken).join('\n'), /cdr_token/);
  });
});
