import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceSession } from './pricing.ts';
import { component, element, HOUR, MINUTE, OPTIONS, reading, session, T0, tariff } from './test-builders.ts';

type Priced = ReturnType<typeof priceSession>;
const byElement = (priced: Priced) => priced.lines.map((line) => [line.elementIndex, line.quantity, line.amountMinor]);
/** A session between two UTC instants, 10 kWh spread evenly (no readings). */
const between = (from: number, to: number) => session({ startedAt: from, stoppedAt: to });

describe('Given a peak band 17:00–21:00 local (Europe/Amsterdam, UTC+1 in January)', () => {
  const peak = tariff([element([component('ENERGY', '0.40')], { startTime: '17:00', endTime: '21:00' }), element([component('ENERGY', '0.20')])]);
  it('When a session runs 16:00–18:00 local, then the hour before 17:00 is off-peak and the hour after is peak', () => {
    const priced = priceSession(between(Date.UTC(2025, 0, 15, 15), Date.UTC(2025, 0, 15, 17)), [peak], OPTIONS);
    assert.deepEqual(byElement(priced), [[1, '5', 100], [0, '5', 200]]);
    assert.equal(priced.lines[1]?.from, Date.UTC(2025, 0, 15, 16));
  });
});

describe('Given a night band 22:00–06:00 local that wraps past midnight', () => {
  const night = tariff([element([component('TIME', '1.00')], { startTime: '22:00', endTime: '06:00' }), element([component('TIME', '2.00')])]);
  it('When a session runs 21:00–23:00 local, then the hour from 22:00 is night rate', () => {
    const priced = priceSession(between(Date.UTC(2025, 0, 15, 20), Date.UTC(2025, 0, 15, 22)), [night], OPTIONS);
    assert.deepEqual(byElement(priced), [[1, '3600', 200], [0, '3600', 100]]);
  });
  it('When a session runs 23:00–07:00 local, then it stays night rate across midnight until 06:00', () => {
    const priced = priceSession(between(Date.UTC(2025, 0, 15, 22), Date.UTC(2025, 0, 16, 6)), [night], OPTIONS);
    assert.deepEqual(byElement(priced), [[0, '25200', 700], [1, '3600', 200]]);
  });
  it('When the clocks go forward (30 March 2025), then the band lasts 7 hours', () => {
    const priced = priceSession(between(Date.UTC(2025, 2, 29, 20), Date.UTC(2025, 2, 30, 5)), [night], OPTIONS);
    assert.deepEqual(byElement(priced), [[1, '3600', 200], [0, '25200', 700], [1, '3600', 200]]);
  });
  it('When the clocks go back (26 October 2025), then the band lasts 9 hours', () => {
    const priced = priceSession(between(Date.UTC(2025, 9, 25, 19), Date.UTC(2025, 9, 26, 6)), [night], OPTIONS);
    assert.deepEqual(byElement(priced), [[1, '3600', 200], [0, '32400', 900], [1, '3600', 200]]);
  });
});

describe('Given day-of-week and date restrictions', () => {
  const wednesday = Date.UTC(2025, 0, 15, 22); // Wednesday 23:00 local
  it('When a session crosses from Wednesday into Thursday, then the Wednesday price stops at local midnight', () => {
    const t = tariff([element([component('ENERGY', '0.50')], { dayOfWeek: ['WEDNESDAY'] }), element([component('ENERGY', '0.20')])]);
    const priced = priceSession(between(wednesday, wednesday + 2 * HOUR), [t], OPTIONS);
    assert.deepEqual(byElement(priced), [[0, '5', 250], [1, '5', 100]]);
  });
  it('When a session crosses into a startDate, then that element applies from local midnight', () => {
    const t = tariff([element([component('ENERGY', '0.50')], { startDate: '2025-01-16' }), element([component('ENERGY', '0.20')])]);
    const priced = priceSession(between(wednesday, wednesday + 2 * HOUR), [t], OPTIONS);
    assert.deepEqual(byElement(priced), [[1, '5', 100], [0, '5', 250]]);
  });
  it('When a session crosses an endDate, then that element stops at local midnight (exclusive)', () => {
    const t = tariff([element([component('ENERGY', '0.50')], { endDate: '2025-01-16' }), element([component('ENERGY', '0.20')])]);
    const priced = priceSession(between(wednesday, wednesday + 2 * HOUR), [t], OPTIONS);
    assert.deepEqual(byElement(priced), [[0, '5', 250], [1, '5', 100]]);
  });
});

describe('Given energy thresholds', () => {
  it('When the session passes maxKwh 5 of the first element, then the rest is priced by the next, from the interpolated instant', () => {
    const t = tariff([element([component('ENERGY', '0.20')], { maxKwh: 5 }), element([component('ENERGY', '0.40')])]);
    const priced = priceSession(session(), [t], OPTIONS);
    assert.deepEqual(byElement(priced), [[0, '5', 100], [1, '5', 200]]);
    assert.equal(priced.lines[1]?.from, T0 + 30 * MINUTE);
  });
  it('When the session passes minKwh 8, then only the energy after 8 kWh is priced by that element', () => {
    const t = tariff([element([component('ENERGY', '0.40')], { minKwh: 8 }), element([component('ENERGY', '0.20')])]);
    const priced = priceSession(session(), [t], OPTIONS);
    assert.deepEqual(byElement(priced), [[1, '8', 160], [0, '2', 80]]);
  });
});

describe('Given duration thresholds', () => {
  it('When the session lasts beyond minDuration 1800 s, then the time after it is priced by that element', () => {
    const t = tariff([element([component('TIME', '3.00')], { minDurationSeconds: 1800 }), element([component('TIME', '1.00')])]);
    assert.deepEqual(byElement(priceSession(session(), [t], OPTIONS)), [[1, '1800', 50], [0, '1800', 150]]);
  });
  it('When the first 15 minutes are free (maxDuration 900 s), then only the 45 minutes after are billed', () => {
    const t = tariff([element([component('TIME', '0')], { maxDurationSeconds: 900 }), element([component('TIME', '2.00')])]);
    assert.deepEqual(byElement(priceSession(session(), [t], OPTIONS)), [[0, '900', 0], [1, '2700', 150]]);
  });
});

describe('Given a power restriction (minPowerKw 22)', () => {
  it('When the station reports 50 kW, then 7 kW, then the fast price stops at the 7 kW sample', () => {
    const t = tariff([element([component('ENERGY', '0.50')], { minPowerKw: 22 }), element([component('ENERGY', '0.30')])]);
    const usage = session({ readings: [reading(T0, 1000, 50_000), reading(T0 + 30 * MINUTE, 9000, 7000)] });
    assert.deepEqual(byElement(priceSession(usage, [t], OPTIONS)), [[0, '8', 400], [1, '2', 60]]);
  });
  it('When the station reports no power, then the average power of the segment decides', () => {
    const t = tariff([element([component('ENERGY', '0.50')], { minPowerKw: 22 }), element([component('ENERGY', '0.30')])]);
    assert.deepEqual(byElement(priceSession(session(), [t], OPTIONS)), [[1, '10', 300]]);
  });
});

describe('Given band edges inside the hour a DST change skips or repeats', () => {
  it('When 02:30–04:00 falls on the spring-forward night, then the band starts at the jump to 03:00', () => {
    const t = tariff([element([component('TIME', '1')], { startTime: '02:30', endTime: '04:00' })]);
    const priced = priceSession(between(Date.UTC(2025, 2, 29, 23), Date.UTC(2025, 2, 30, 4)), [t], OPTIONS);
    assert.deepEqual(priced.lines.map((line) => [line.from, line.quantity]), [[Date.UTC(2025, 2, 30, 1), '3600']]);
  });
  it('When 02:30–02:45 falls on the autumn night, then both occurrences of it are priced', () => {
    const t = tariff([element([component('TIME', '1')], { startTime: '02:30', endTime: '02:45' })]);
    const priced = priceSession(between(Date.UTC(2025, 9, 25, 22), Date.UTC(2025, 9, 26, 4)), [t], OPTIONS);
    assert.deepEqual(priced.lines.map((line) => [line.from, line.quantity]), [[Date.UTC(2025, 9, 26, 0, 30), '900'], [Date.UTC(2025, 9, 26, 1, 30), '900']]);
  });
});
