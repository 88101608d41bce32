import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceSession } from './pricing.ts';
import { component, element, HOUR, MINUTE, OPTIONS, reading, session, T0, tariff } from './test-builders.ts';

const simple = tariff([element([component('ENERGY', '0.30'), component('TIME', '3.00'), component('PARKING_TIME', '6.00')])], { idlePowerThresholdW: 1000 });
const energyOnly = tariff([element([component('ENERGY', '0.30')])]);
const quantities = (priced: ReturnType<typeof priceSession>) => priced.lines.map((line) => [line.component, line.quantity]);

describe('Given a 2.0.1 session whose EV suspends after 40 minutes', () => {
  const usage = session({ chargingStates: [{ at: T0, state: 'Charging' }, { at: T0 + 40 * MINUTE, state: 'SuspendedEV' }] });
  it('When priced, then the last 20 minutes are idle, carry no energy and are PARKING_TIME', () => {
    const priced = priceSession(usage, [simple], OPTIONS);
    assert.deepEqual(priced.periods.map((period) => period.kind), ['CHARGING', 'IDLE']);
    assert.deepEqual([priced.chargingSeconds, priced.idleSeconds], [2400, 1200]);
    assert.deepEqual(quantities(priced), [['ENERGY', '10'], ['TIME', '2400'], ['PARKING_TIME', '1200']]);
    assert.equal(priced.lines[0]?.to, T0 + 40 * MINUTE);
  });
});

describe('Given power that drops below the idle threshold', () => {
  it('When the 45-minute sample reads 200 W against 1000 W, then the rest of the session is idle', () => {
    const usage = session({ readings: [reading(T0, 1000, 7000), reading(T0 + 45 * MINUTE, 11_000, 200)] });
    const priced = priceSession(usage, [simple], OPTIONS);
    assert.deepEqual(priced.periods, [
      { start: T0, end: T0 + 45 * MINUTE, kind: 'CHARGING' },
      { start: T0 + 45 * MINUTE, end: T0 + HOUR, kind: 'IDLE' },
    ]);
    assert.equal(priced.lines.find((line) => line.component === 'PARKING_TIME')?.amountMinor, 150);
  });
  it('When a 1.6 station sends energy only and the register stops moving, then that stretch is idle', () => {
    const usage = session({ readings: [reading(T0 + 30 * MINUTE, 11_000)] });
    assert.deepEqual(priceSession(usage, [simple], OPTIONS).periods.map((period) => period.kind), ['CHARGING', 'IDLE']);
  });
});

describe('Given imperfect meter values', () => {
  it('When meterStart and meterStop are missing, then the readings give the energy and both are flagged', () => {
    const usage = session({ meterStartWh: null, meterStopWh: null, readings: [reading(T0 + 5 * MINUTE, 2000), reading(T0 + 55 * MINUTE, 9000)] });
    const priced = priceSession(usage, [energyOnly], OPTIONS);
    assert.equal(priced.energyWh, 7000);
    assert.deepEqual(priced.flags, ['METER_START_MISSING', 'METER_STOP_MISSING']);
  });
  it('When readings arrive out of order and duplicated, then the result is that of the sorted readings', () => {
    const sorted = [reading(T0 + 10 * MINUTE, 2000, 7000), reading(T0 + 20 * MINUTE, 6000, 22_000), reading(T0 + 40 * MINUTE, 10_500, 500)];
    const messy = [sorted[2], sorted[0], sorted[1], sorted[0], sorted[2]].filter((r) => r !== undefined);
    const expected = priceSession(session({ readings: sorted }), [simple], OPTIONS);
    assert.deepEqual(priceSession(session({ readings: messy }), [simple], OPTIONS), expected);
  });
  it('When readings are stamped outside the session, then they are ignored and flagged', () => {
    const usage = session({ readings: [reading(T0 - 5 * MINUTE, 0), reading(T0 + 2 * HOUR, 50_000)] });
    const priced = priceSession(usage, [energyOnly], OPTIONS);
    assert.deepEqual([priced.energyWh, priced.totalExclVatMinor, priced.flags], [10_000, 300, ['READINGS_OUTSIDE_SESSION']]);
  });
  it('When a reading is below meterStart, then meterStop − meterStart is still billed and the reading is flagged', () => {
    const usage = session({ readings: [reading(T0 + 10 * MINUTE, 500), reading(T0 + 30 * MINUTE, 6000)] });
    const priced = priceSession(usage, [energyOnly], OPTIONS);
    assert.equal(priced.energyWh, 10_000);
    assert.ok(priced.flags.includes('READING_BELOW_START'));
  });
  it('When meterStop is below meterStart, then no energy is billed, never a negative amount', () => {
    const priced = priceSession(session({ meterStopWh: 500 }), [energyOnly], OPTIONS);
    assert.deepEqual([priced.energyWh, priced.totalExclVatMinor, priced.flags], [0, 0, ['METER_STOP_BELOW_START']]);
  });
  it('When the register resets mid-session, then only its increases are billed', () => {
    const usage = session({ meterStopWh: 3200, readings: [reading(T0 + 20 * MINUTE, 5000), reading(T0 + 30 * MINUTE, 200)] });
    const priced = priceSession(usage, [energyOnly], OPTIONS);
    assert.deepEqual([priced.energyWh, priced.totalExclVatMinor], [7000, 210]);
    assert.ok(priced.flags.includes('REGISTER_RESET'));
  });
});

describe('Given a session that is still running', () => {
  it('When priced as of 45 minutes in, then it is priced up to asOf and flagged PROVISIONAL', () => {
    const usage = session({ stoppedAt: null, meterStopWh: null, readings: [reading(T0 + 30 * MINUTE, 6000)] });
    const priced = priceSession(usage, [simple], { ...OPTIONS, asOf: T0 + 45 * MINUTE });
    assert.equal(priced.stoppedAt, T0 + 45 * MINUTE);
    assert.equal(priced.energyWh, 5000);
    assert.deepEqual(priced.flags, ['PROVISIONAL']);
  });
});

describe('Given receipt times from the station', () => {
  it('When the station clock is two minutes off against a 30 s tolerance, then the session is priced by station time and flagged', () => {
    const skewed = priceSession(session({ receivedAt: [{ stationAt: T0, receivedAt: T0 + 2 * MINUTE }] }), [energyOnly], OPTIONS);
    const fine = priceSession(session({ receivedAt: [{ stationAt: T0, receivedAt: T0 + 2000 }] }), [energyOnly], OPTIONS);
    assert.deepEqual(skewed.flags, ['CLOCK_SKEW']);
    assert.deepEqual(fine.flags, []);
    assert.equal(skewed.totalExclVatMinor, fine.totalExclVatMinor);
  });
});

describe('Given a tariff version that changes mid-session', () => {
  const v1 = tariff([element([component('ENERGY', '0.30')])]);
  const v2 = tariff([element([component('ENERGY', '0.40')])], { version: 2, validFrom: T0 + 30 * MINUTE });
  it('When priced, then each half is priced by the version in force and the lines name both', () => {
    const priced = priceSession(session(), [v2, v1], OPTIONS);
    assert.deepEqual(priced.lines.map((line) => [line.tariffVersion, line.quantity, line.amountMinor]), [[1, '5', 150], [2, '5', 200]]);
    assert.deepEqual(priced.tariffVersions, [{ id: 'T1', version: 1 }, { id: 'T1', version: 2 }]);
  });
  it('When the session starts before the first version, then the first version prices it and that is flagged', () => {
    const priced = priceSession(session(), [v2], OPTIONS);
    assert.deepEqual([priced.totalExclVatMinor, priced.flags], [400, ['BEFORE_FIRST_TARIFF_VERSION']]);
  });
});

describe('Given the same session priced twice', () => {
  const t = tariff([element([component('ENERGY', '0.40'), component('PARKING_TIME', '1')], { startTime: '11:20', endTime: '21:00' }), element([component('ENERGY', '0.333'), component('TIME', '1.5', 60), component('FLAT', '0.5')])], { idlePowerThresholdW: 800 });
  const readings = [reading(T0 + 7 * MINUTE, 1800, 11_000), reading(T0 + 19 * MINUTE, 4100, 11_200), reading(T0 + 31 * MINUTE, 7333, 9000), reading(T0 + 48 * MINUTE, 10_990, 300), reading(T0 + 53 * MINUTE, 11_000, 0)];
  it('When the inputs are equal, then the outputs are deep-equal and serialize to the same JSON', () => {
    const first = priceSession(session({ readings }), [t], OPTIONS);
    const second = priceSession(session({ readings: readings.map((r) => ({ ...r })) }), [t], OPTIONS);
    assert.deepEqual(first, second);
    assert.equal(JSON.stringify(first), JSON.stringify(second));
  });
  it('When the readings are shuffled, then the output is the same', () => {
    const shuffled = [readings[3], readings[0], readings[4], readings[2], readings[1]].filter((r) => r !== undefined);
    assert.equal(JSON.stringify(priceSession(session({ readings: shuffled }), [t], OPTIONS)), JSON.stringify(priceSession(session({ readings }), [t], OPTIONS)));
  });
  it('When the energy is split over segments, then the segments add up to the metered total exactly', () => {
    const priced = priceSession(session({ readings }), [t], OPTIONS);
    const energy = priced.lines.filter((line) => line.component === 'ENERGY').reduce((sum, line) => sum + Math.round(Number(line.quantity) * 1000), 0);
    assert.equal(energy, priced.energyWh);
  });
});
