import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { component, element, tariff } from './test-builders.ts';
import { validateTariff } from './validate-tariff.ts';

describe('Given a tariff for the api to accept or refuse', () => {
  it('When it is well formed, then there are no problems', () => {
    const t = tariff([element([component('ENERGY', '0.30', 1000, '7.7'), component('FLAT', '1')], { startTime: '22:00', endTime: '06:00', startDate: '2025-02-28', dayOfWeek: ['MONDAY'] })], { minPrice: '1', maxPrice: '50.00' });
    assert.deepEqual(validateTariff(t), []);
  });
  it('When its currency, time zone and VAT rate are wrong, then each is named', () => {
    const t = tariff([element([component('ENERGY', '0.30')])], { currency: 'EURO', timeZone: 'Mars/Olympus', vatRate: '20%' });
    assert.deepEqual(validateTariff(t), [
      { path: '/currency', code: 'BAD_CURRENCY' },
      { path: '/timeZone', code: 'BAD_TIME_ZONE' },
      { path: '/vatRate', code: 'BAD_DECIMAL' },
    ]);
  });
  it('When a price is negative or a float-like text, and a step size is below 1, then each is named', () => {
    const t = tariff([element([component('ENERGY', '-0.30'), component('TIME', '1e3', 0)])]);
    assert.deepEqual(validateTariff(t), [
      { path: '/elements/0/priceComponents/0/price', code: 'NEGATIVE_AMOUNT' },
      { path: '/elements/0/priceComponents/1/price', code: 'BAD_DECIMAL' },
      { path: '/elements/0/priceComponents/1/stepSize', code: 'BAD_STEP_SIZE' },
    ]);
  });
  it('When an element has no component and restrictions are malformed, then each is named', () => {
    const t = tariff([element([], { startTime: '24:00', endDate: '2025-02-30', minKwh: 10, maxKwh: 5 })], { minPrice: '9', maxPrice: '3' });
    assert.deepEqual(validateTariff(t), [
      { path: '/minPrice', code: 'MIN_ABOVE_MAX' },
      { path: '/elements/0/priceComponents', code: 'NO_PRICE_COMPONENTS' },
      { path: '/elements/0/restrictions/startTime', code: 'BAD_TIME' },
      { path: '/elements/0/restrictions/endDate', code: 'BAD_DATE' },
      { path: '/elements/0/restrictions/minKwh', code: 'MIN_ABOVE_MAX' },
    ]);
  });
  it('When it has no elements or version 0, then that is named', () => {
    assert.deepEqual(validateTariff(tariff([], { version: 0 })), [
      { path: '/version', code: 'BAD_VERSION' },
      { path: '/elements', code: 'NO_ELEMENTS' },
    ]);
  });
});
