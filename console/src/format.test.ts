import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatDuration, formatKwh, formatMoney, formatTime, securityProfiles, toneOf, vendorModel } from './format.ts';

it('formats energy in kWh from Wh', () => {
  assert.equal(formatKwh(12345), '12.345 kWh');
  assert.equal(formatKwh(null), '—');
});

it('formats money from minor units with the currency exponent', () => {
  assert.equal(formatMoney(424, 'EUR'), '€4.24');
  assert.equal(formatMoney(500, 'JPY'), '¥500');
});

it('formats a time in local time and keeps what it cannot parse', () => {
  const iso = '2025-01-10T08:05:09.000Z';
  const local = new Date(iso);
  assert.equal(formatTime(iso).slice(-8), `${String(local.getHours()).padStart(2, '0')}:05:09`);
  assert.equal(formatTime('soon'), 'soon');
  assert.equal(formatTime(null), '—');
});

it('formats durations', () => {
  assert.equal(formatDuration(3725), '1h 02m');
  assert.equal(formatDuration(65), '1m 05s');
});

it('joins vendor and model', () => {
  assert.equal(vendorModel('ABB', null), 'ABB');
  assert.equal(vendorModel(null, null), '—');
});

it('colours states by meaning', () => {
  assert.equal(toneOf('connected'), 'good');
  assert.equal(toneOf('Faulted'), 'bad');
  assert.equal(toneOf('Whatever'), 'neutral');
});

it('shows the proven security profile beside the least one required', () => {
  assert.equal(securityProfiles(2, 1), '2 (min 1)');
  assert.equal(securityProfiles(null, 2), '— (min 2)');
  assert.equal(securityProfiles(0, null), '0');
});
