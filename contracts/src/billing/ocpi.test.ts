import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromOcpiTariff, toOcpiTariff } from './ocpi.ts';
import { component, element, tariff } from './test-builders.ts';

const owner = { countryCode: 'NL', partyId: 'CSM', lastUpdated: Date.UTC(2025, 0, 1) };
const full = tariff(
  [
    element([component('ENERGY', '0.45', 1000), component('TIME', '1.2', 300, '9')], {
      startTime: '22:00',
      endTime: '06:00',
      startDate: '2025-01-01',
      endDate: '2026-01-01',
      minKwh: 0.5,
      maxKwh: 50,
      minPowerKw: 11,
      maxPowerKw: 150,
      minCurrentA: 6,
      maxCurrentA: 32,
      minDurationSeconds: 600,
      maxDurationSeconds: 7200,
      dayOfWeek: ['SATURDAY', 'SUNDAY'],
    }),
    element([component('ENERGY', '0.3'), component('PARKING_TIME', '6'), component('FLAT', '0.99')]),
  ],
  { version: 3, validFrom: Date.UTC(2025, 5, 1, 22), vatRate: '21', minPrice: '1.5', maxPrice: '80', idlePowerThresholdW: 500 },
);
const importOptions = { version: 3, timeZone: full.timeZone, vatRate: full.vatRate, idlePowerThresholdW: 500 };

describe('Given a tariff version with every restriction, VAT per component and min/max price', () => {
  it('When exported to OCPI 2.2.1 JSON, then the fields carry OCPI names and numbers', () => {
    const ocpi = toOcpiTariff(full, owner);
    assert.deepEqual(ocpi.min_price, { excl_vat: 1.5 });
    assert.deepEqual(ocpi.elements[0]?.price_components[1], { type: 'TIME', price: 1.2, vat: 9, step_size: 300 });
    assert.deepEqual(ocpi.elements[0]?.restrictions?.day_of_week, ['SATURDAY', 'SUNDAY']);
    assert.equal(ocpi.elements[1]?.restrictions, undefined);
    assert.equal(ocpi.start_date_time, '2025-06-01T22:00:00.000Z');
  });
  it('When exported and imported again through JSON text, then it is the same tariff', () => {
    const json: unknown = JSON.parse(JSON.stringify(toOcpiTariff(full, owner)));
    assert.deepEqual(fromOcpiTariff(json, importOptions), { tariff: full });
  });
});

describe('Given OCPI tariff JSON from outside', () => {
  const valid = () => JSON.parse(JSON.stringify(toOcpiTariff(full, owner))) as Record<string, unknown> & { elements: { restrictions?: Record<string, unknown>; price_components: Record<string, unknown>[] }[] };
  it('When it is not shaped like an OCPI Tariff, then the problems name where', () => {
    const json = valid();
    delete json.currency;
    json.elements[0]?.price_components.push({ type: 'KWH', price: '0.3', step_size: 1 });
    const result = fromOcpiTariff(json, importOptions);
    assert.ok('problems' in result);
    assert.deepEqual([...new Set(result.problems.map((problem) => `${problem.code} ${problem.path}`))].sort(), [
      'BAD_OCPI_JSON /',
      'BAD_OCPI_JSON /elements/0/price_components/2/price',
      'BAD_OCPI_JSON /elements/0/price_components/2/type',
    ]);
  });
  it('When an element is restricted to reservations, then it is refused, not priced as charging', () => {
    const json = valid();
    if (json.elements[1] !== undefined) json.elements[1].restrictions = { reservation: 'RESERVATION' };
    assert.deepEqual(fromOcpiTariff(json, importOptions), { problems: [{ path: '/elements/1/restrictions/reservation', code: 'UNSUPPORTED_RESTRICTION' }] });
  });
  it('When it has no start_date_time, then the version has no validFrom and is refused', () => {
    const json = valid();
    delete json.start_date_time;
    assert.deepEqual(fromOcpiTariff(json, importOptions), { problems: [{ path: '/start_date_time', code: 'BAD_VALID_FROM' }] });
  });
  it('When its currency is unknown, then the model check names it', () => {
    const json = { ...valid(), currency: 'XYZ' };
    assert.deepEqual(fromOcpiTariff(json, importOptions), { problems: [{ path: '/currency', code: 'BAD_CURRENCY' }] });
  });
});
