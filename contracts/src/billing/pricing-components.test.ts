import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceSession } from './pricing.ts';
import { component, element, HOUR, MINUTE, OPTIONS, session, T0, tariff } from './test-builders.ts';

const amounts = (priced: ReturnType<typeof priceSession>) => priced.lines.map((line) => [line.component, line.amountMinor]);

describe('Given a tariff with one component of each kind', () => {
  it('When 10 kWh are charged in an hour at 0.30/kWh, then ENERGY is 3.00 EUR and VAT 20% is 0.60', () => {
    const priced = priceSession(session(), [tariff([element([component('ENERGY', '0.30')])])], OPTIONS);
    assert.deepEqual(amounts(priced), [['ENERGY', 300]]);
    assert.equal(priced.lines[0]?.quantity, '10');
    assert.deepEqual([priced.totalExclVatMinor, priced.vatMinor, priced.totalInclVatMinor], [300, 60, 360]);
  });
  it('When an hour is spent charging at 2.00/h, then TIME is 2.00 EUR', () => {
    const priced = priceSession(session(), [tariff([element([component('TIME', '2.00')])])], OPTIONS);
    assert.deepEqual(amounts(priced), [['TIME', 200]]);
    assert.equal(priced.lines[0]?.quantity, '3600');
  });
  it('When the EV is suspended after 30 minutes, then the idle half hour is PARKING_TIME and only the charging half hour is TIME', () => {
    const usage = session({ chargingStates: [{ at: T0, state: 'Charging' }, { at: T0 + 30 * MINUTE, state: 'SuspendedEV' }] });
    const priced = priceSession(usage, [tariff([element([component('TIME', '2.00'), component('PARKING_TIME', '3.00')])])], OPTIONS);
    assert.deepEqual(amounts(priced), [['TIME', 100], ['PARKING_TIME', 150]]);
  });
  it('When the session has a FLAT fee, then it is billed once, first', () => {
    const priced = priceSession(session(), [tariff([element([component('ENERGY', '0.30'), component('FLAT', '1.50')])])], OPTIONS);
    assert.deepEqual(amounts(priced), [['FLAT', 150], ['ENERGY', 300]]);
  });
});

describe('Given step sizes (OCPI: the session total is rounded up, with the last used step size)', () => {
  it('When 10.2 kWh are charged with a 1000 Wh energy step, then 11 kWh are billed', () => {
    const priced = priceSession(session({ meterStopWh: 11_200 }), [tariff([element([component('ENERGY', '0.30', 1000)])])], OPTIONS);
    assert.equal(priced.lines[0]?.quantity, '10.2');
    assert.equal(priced.lines[0]?.billedQuantity, '11');
    assert.equal(priced.lines[0]?.amountMinor, 330);
  });
  it('When 61 minutes are charged with a 300 s time step, then 65 minutes are billed', () => {
    const priced = priceSession(session({ stoppedAt: T0 + 61 * MINUTE }), [tariff([element([component('TIME', '6.00', 300)])])], OPTIONS);
    assert.equal(priced.lines[0]?.billedQuantity, '3900');
    assert.equal(priced.lines[0]?.amountMinor, 650);
  });
  it('When two energy elements with different steps are used, then only the total is rounded, by the step of the last one', () => {
    // 16:00–18:00 local, 17:00–21:00 is peak: 5.3 kWh off-peak (step 1000), then 5.3 kWh peak (step 2000);
    // the 10.6 kWh total is rounded up to 12 by the peak step, and the 1.4 kWh added to the last line.
    const start = Date.UTC(2025, 0, 15, 15, 0);
    const t = tariff([element([component('ENERGY', '0.40', 2000)], { startTime: '17:00', endTime: '21:00' }), element([component('ENERGY', '0.20', 1000)])]);
    const priced = priceSession(session({ startedAt: start, stoppedAt: start + 2 * HOUR, meterStopWh: 11_600 }), [t], OPTIONS);
    assert.deepEqual(priced.lines.map((line) => [line.elementIndex, line.quantity, line.billedQuantity]), [[1, '5.3', '5.3'], [0, '5.3', '6.7']]);
  });
  it('When both TIME and PARKING_TIME are billed, then only the parking time is rounded', () => {
    const usage = session({ stoppedAt: T0 + 41 * MINUTE + 30_000, chargingStates: [{ at: T0, state: 'Charging' }, { at: T0 + 31 * MINUTE, state: 'SuspendedEVSE' }] });
    const priced = priceSession(usage, [tariff([element([component('TIME', '6.00', 300), component('PARKING_TIME', '6.00', 600)])])], OPTIONS);
    assert.deepEqual(priced.lines.map((line) => [line.component, line.billedQuantity, line.amountMinor]), [['TIME', '1860', 310], ['PARKING_TIME', '1200', 200]]);
  });
});

describe('Given a minimum or maximum price', () => {
  it('When the lines add up to less than the minimum, then the minimum is billed and VAT is on it', () => {
    const priced = priceSession(session(), [tariff([element([component('ENERGY', '0.30')])], { minPrice: '5.00' })], OPTIONS);
    assert.deepEqual([priced.linesTotalMinor, priced.totalExclVatMinor, priced.vatMinor], [300, 500, 100]);
    assert.ok(priced.flags.includes('MIN_PRICE_APPLIED'));
  });
  it('When the lines add up to more than the maximum, then the maximum is billed', () => {
    const priced = priceSession(session(), [tariff([element([component('ENERGY', '0.30')])], { maxPrice: '2' })], OPTIONS);
    assert.deepEqual([priced.linesTotalMinor, priced.totalExclVatMinor, priced.vatMinor], [300, 200, 40]);
    assert.ok(priced.flags.includes('MAX_PRICE_APPLIED'));
  });
});

describe('Given components with two VAT rates', () => {
  it('When priced, then VAT is computed per rate on that rate total', () => {
    const t = tariff([element([component('ENERGY', '0.30'), component('FLAT', '1.00', 1, '9')])]);
    const priced = priceSession(session(), [t], OPTIONS);
    assert.deepEqual(priced.vat, [{ rate: '9', baseMinor: 100, vatMinor: 9 }, { rate: '20', baseMinor: 300, vatMinor: 60 }]);
    assert.deepEqual([priced.totalExclVatMinor, priced.vatMinor, priced.totalInclVatMinor], [400, 69, 469]);
  });
});

describe('Given two VAT rates and a minimum price above the lines', () => {
  it('When the minimum applies, then it is shared over the rates in proportion to their lines', () => {
    const t = tariff([element([component('ENERGY', '0.30'), component('FLAT', '1.00', 1, '9')])], { minPrice: '8' });
    const priced = priceSession(session(), [t], OPTIONS);
    assert.deepEqual(priced.vat, [{ rate: '9', baseMinor: 200, vatMinor: 18 }, { rate: '20', baseMinor: 600, vatMinor: 120 }]);
    assert.deepEqual([priced.totalExclVatMinor, priced.vatMinor, priced.totalInclVatMinor], [800, 138, 938]);
  });
});

describe('Given amounts that fall on half a minor unit', () => {
  it('When a line is 12.5 cents, then it rounds up to 13; when 1.25 cents, down to 1', () => {
    const up = priceSession(session({ meterStopWh: 2000 }), [tariff([element([component('ENERGY', '0.125')])])], OPTIONS);
    assert.equal(up.lines[0]?.amountMinor, 13);
    const down = priceSession(session({ meterStopWh: 2000 }), [tariff([element([component('ENERGY', '0.0125')])])], OPTIONS);
    assert.equal(down.lines[0]?.amountMinor, 1);
  });
  it('When VAT is 2.5 cents, then it rounds up to 3', () => {
    const priced = priceSession(session(), [tariff([element([component('FLAT', '0.25')])], { vatRate: '10' })], OPTIONS);
    assert.equal(priced.vatMinor, 3);
  });
});

describe('Given currencies with other minor units', () => {
  it('When priced in JPY (no decimals), then 1.5 kWh at 33.3 JPY is 50 JPY', () => {
    const priced = priceSession(session({ meterStopWh: 2500 }), [tariff([element([component('ENERGY', '33.3')])], { currency: 'JPY', vatRate: '10' })], OPTIONS);
    assert.deepEqual([priced.currency, priced.totalExclVatMinor, priced.vatMinor], ['JPY', 50, 5]);
  });
  it('When priced in KWD (three decimals), then 10 kWh at 0.01234 KWD is 123 fils', () => {
    const priced = priceSession(session(), [tariff([element([component('ENERGY', '0.01234')])], { currency: 'KWD', vatRate: '0' })], OPTIONS);
    assert.deepEqual([priced.totalExclVatMinor, priced.vatMinor, priced.totalInclVatMinor], [123, 0, 123]);
  });
});

describe('Given a session priced by several lines', () => {
  it('When totalled, then the line amounts add up to the total before min/max', () => {
    const usage = session({ stoppedAt: T0 + 97 * MINUTE + 13_000, meterStopWh: 13_337, chargingStates: [{ at: T0 + 71 * MINUTE, state: 'SuspendedEV' }] });
    const t = tariff([element([component('ENERGY', '0.333'), component('TIME', '1.777'), component('PARKING_TIME', '2.5'), component('FLAT', '0.99')])]);
    const priced = priceSession(usage, [t], OPTIONS);
    assert.equal(priced.lines.length, 4);
    assert.equal(priced.lines.reduce((sum, line) => sum + line.amountMinor, 0), priced.totalExclVatMinor);
    assert.equal(priced.linesTotalMinor, priced.totalExclVatMinor);
  });
});
