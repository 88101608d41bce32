import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  billingMomentOf, cdrSummary, formatDuration, notBilledLine, notFinalLine, priceLine, refusalReason, runningCostLine,
  unreachableReason, type CdrDetail, type SessionCost,
} from './session-bill.ts';

// The simulator's default 1.6 session (25.5 kWh over 25 minutes) as the api answers it, priced by
// README's ac-peak tariff off-peak: ENERGY 0.30/kWh, PARKING_TIME 6.00/h in 300 s steps, FLAT 0.50, VAT 21 %.
const cost: SessionCost & Record<string, unknown> = {
  transactionId: 7, chargePointId: 'CP001', tariffId: 'ac-peak', currency: 'EUR', asOf: '2025-01-10T08:15:00.000Z', energyWh: 6375,
  chargingSeconds: 900, idleSeconds: 0, totalExclVatMinor: 241, vatMinor: 51, totalInclVatMinor: 292, flags: [], cdrId: null, final: false,
};

const cdr: CdrDetail & Record<string, unknown> = {
  cdrId: 'cdr-CP001-7', kind: 'Final', correctsCdrId: null, creditedBy: null, chargePointId: 'CP001', transactionId: 7,
  stationTransactionId: null, connectorId: 1, idTag: 'RFID-12345', idTokenType: null, groupIdToken: null, tariffId: 'ac-peak',
  currency: 'EUR', startedAt: '2025-01-10T08:00:00.000Z', stoppedAt: '2025-01-10T08:25:00.000Z', energyWh: 25500,
  chargingSeconds: 1370, idleSeconds: 130, totalExclVatMinor: 865, vatMinor: 182, totalInclVatMinor: 1047, flags: ['CLOCK_SKEW'],
  tariffVersions: [{ id: 'ac-peak', version: 1 }], issuedAt: '2025-01-10T08:25:01.000Z',
  priced: {
    lines: [
      { component: 'ENERGY', unit: 'kWh', quantity: '25.5', billedQuantity: '25.5', unitPrice: '0.30', amountMinor: 765 },
      { component: 'PARKING_TIME', unit: 's', quantity: '130', billedQuantity: '300', unitPrice: '6.00', amountMinor: 50 },
      { component: 'FLAT', unit: 'session', quantity: '1', billedQuantity: '1', unitPrice: '0.50', amountMinor: 50 },
    ],
  },
};

describe('what the simulator tells of its session\'s bill', () => {
  it('Given the session\'s steps, when read, then the start names the transaction and each meter sample is a moment to show the cost', () => {
    const step = (action: string, request: object, response: unknown = {}) => billingMomentOf({ action, request, response });
    const event = (eventType: string) => ({ eventType, transactionInfo: { transactionId: 'b7a1-uuid' } });
    assert.deepEqual(step('StartTransaction', {}, { transactionId: 7, idTagInfo: { status: 'Accepted' } }), { type: 'Started', session: { transactionId: 7 } });
    assert.deepEqual(step('MeterValues', { transactionId: 7 }), { type: 'Sampled' });
    assert.deepEqual(step('TransactionEvent', event('Started')), { type: 'Started', session: { stationTransactionId: 'b7a1-uuid' } });
    assert.deepEqual(step('TransactionEvent', event('Updated')), { type: 'Sampled' });
    assert.deepEqual(step('TransactionEvent', event('Ended')), { type: 'Other' });
    assert.deepEqual(step('Heartbeat', {}, { currentTime: '2025-01-10T08:00:00Z' }), { type: 'Other' });
  });

  it('Given a running cost, when shown, then its totals have the currency\'s digits and its energy is exact kWh', () => {
    assert.equal(runningCostLine(cost),
      '  cost so far: 2.92 EUR incl. VAT (2.41 EUR excl.) for 6.375 kWh up to 2025-01-10T08:15:00.000Z, tariff ac-peak');
    assert.match(runningCostLine({ ...cost, flags: ['CLOCK_SKEW'] }), /, flags CLOCK_SKEW$/);
  });

  it('Given a CDR, when summarised, then it shows its period, energy, each price line, the totals with VAT and its flags', () => {
    assert.deepEqual(cdrSummary(cdr), [
      'CDR cdr-CP001-7 (Final) for transaction 7, tariff ac-peak v1',
      '  period       2025-01-10T08:00:00.000Z → 2025-01-10T08:25:00.000Z (charging 22m50s, idle 2m10s)',
      '  energy       25.5 kWh',
      '  ENERGY       25.5 kWh × 0.30 EUR/kWh = 7.65 EUR',
      '  PARKING_TIME 300 s (measured 130 s) × 6.00 EUR/h = 0.50 EUR',
      '  FLAT         1 session × 0.50 EUR/session = 0.50 EUR',
      '  total        8.65 EUR excl. VAT + 1.82 EUR VAT = 10.47 EUR incl. VAT',
      '  flags        CLOCK_SKEW',
    ]);
    assert.equal(cdrSummary({ ...cdr, flags: [] }).at(-1), '  flags        none');
  });

  it('Given a currency with no or three minor digits, when a line is shown, then its amount has exactly those digits', () => {
    const line = { component: 'ENERGY', unit: 'kWh', quantity: '10', billedQuantity: '10', unitPrice: '123', amountMinor: 1230 } as const;
    assert.equal(priceLine(line, 'JPY'), '  ENERGY       10 kWh × 123 JPY/kWh = 1230 JPY');
    assert.equal(priceLine({ ...line, unitPrice: '0.123' }, 'KWD'), '  ENERGY       10 kWh × 0.123 KWD/kWh = 1.230 KWD');
  });

  it('Given a number of seconds, when shown as a session length, then hours and minutes appear only when there are some', () => {
    assert.deepEqual([0, 59, 60, 1370, 3600, 5405].map(formatDuration), ['0s', '59s', '1m00s', '22m50s', '1h00m00s', '1h30m05s']);
  });

  it('Given no cost after the wait, when told, then it says no tariff applied and how to assign one', () => {
    const line = notBilledLine({ stationTransactionId: 'b7a1-uuid' }, 10_000);
    assert.match(line, /^not billed: no cost for station transaction b7a1-uuid after 10 s, so no tariff applied when it started\./);
    assert.match(line, /POST \/tariffs\) and assign it \(PUT \/tariff-assignments/);
    assert.match(notFinalLine(cost, 10_000), /^no CDR for transaction 7 after 10 s; the latest running cost was 2\.92 EUR incl\. VAT/);
  });

  it('Given the API refuses, when told, then the line says why and what to do, and a missing key is named as such', () => {
    const refusal = (code: string, message: string) => ({ error: { code, message } });
    const noCredential = refusal('UNAUTHENTICATED', 'this route needs a credential: Authorization: Bearer <API key or token>');
    assert.equal(refusalReason(401, noCredential, false), 'no API key: set CSMS_API_KEY or --api-key to see the session\'s cost');
    assert.equal(refusalReason(401, refusal('UNAUTHENTICATED', 'unknown API key'), true),
      'the API refused the API key (401 UNAUTHENTICATED): check CSMS_API_KEY or --api-key');
    assert.match(refusalReason(403, refusal('FORBIDDEN', 'role (none) may not use this route'), true), /^the API key may not read billing \(403 FORBIDDEN\)/);
    assert.equal(refusalReason(429, refusal('RATE_LIMITED', 'too many requests'), true), 'the API answered 429 RATE_LIMITED: too many requests');
    assert.equal(refusalReason(502, undefined, true), 'the API answered 502 UNKNOWN');
  });

  it('Given the API cannot be reached, when told, then the line names the address and the socket\'s error', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4001'), { code: 'ECONNREFUSED' }) });
    assert.equal(unreachableReason('http://127.0.0.1:4001', refused),
      'the API at http://127.0.0.1:4001 could not be reached (ECONNREFUSED): start the CSMS or pass --api');
    const timedOut = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    assert.match(unreachableReason('http://127.0.0.1:4001', timedOut), /\(The operation was aborted due to timeout\)/);
  });
});
