// JSON schemas of what billing issued: CDRs, credits, running costs and statements. Money is an
// integer in the currency's minor unit (EUR cents, JPY yen), as the read models hold it.
import { nullableInt, nullableStr, str } from './schemas.ts';

const time = { type: 'string', format: 'date-time' } as const;
const int = { type: 'integer' } as const;
const minor = (what: string) => ({ type: 'integer', description: `${what}, in the currency's minor unit (ISO 4217 exponent)` }) as const;
export const cdrKind = {
  type: 'string', enum: ['Final', 'Provisional', 'Correction'],
  description: 'Final: billed at the session\'s end; Provisional: priced before the station sent everything; Correction: a re-rating that replaces a credited CDR',
} as const;

const cdrProperties = {
  cdrId: str, kind: cdrKind, correctsCdrId: nullableStr,
  creditedBy: { ...nullableStr, description: 'The credit that cancelled this CDR (a re-rating replaced it); null while it stands' },
  chargePointId: str, transactionId: int, stationTransactionId: nullableStr, connectorId: nullableInt,
  idTag: nullableStr, idTokenType: nullableStr, groupIdToken: nullableStr, tariffId: str, currency: str,
  startedAt: time, stoppedAt: time, energyWh: int, chargingSeconds: int, idleSeconds: int,
  totalExclVatMinor: minor('Total excluding VAT'), vatMinor: minor('VAT'), totalInclVatMinor: minor('Total including VAT'),
  flags: { type: 'array', items: str, description: 'Why the bill may look odd (a register reset, a skewed clock, ...)' },
  tariffVersions: { type: 'array', items: { type: 'object', properties: { id: str, version: int } } },
  issuedAt: time,
} as const;

const cdrExample = {
  cdrId: 'cdr-CP001-7', kind: 'Final', correctsCdrId: null, creditedBy: null, chargePointId: 'CP001', transactionId: 7,
  stationTransactionId: null, connectorId: 1, idTag: 'TAG1', idTokenType: null, groupIdToken: 'FLEET-A', tariffId: 'standard-ac',
  currency: 'EUR', startedAt: '2025-01-10T08:00:00.000Z', stoppedAt: '2025-01-10T09:00:00.000Z', energyWh: 10000,
  chargingSeconds: 3600, idleSeconds: 0, totalExclVatMinor: 350, vatMinor: 74, totalInclVatMinor: 424, flags: [],
  tariffVersions: [{ id: 'standard-ac', version: 1 }], issuedAt: '2025-01-10T09:00:01.000Z',
};

export const cdrView = { type: 'object', properties: cdrProperties, examples: [cdrExample] } as const;
export const cdrDetail = {
  type: 'object',
  properties: {
    ...cdrProperties,
    priced: { type: 'object', additionalProperties: true, description: 'The PricedSession: periods, lines per component and VAT rate, totals' },
  },
  examples: [{
    ...cdrExample,
    priced: {
      currency: 'EUR', energyWh: 10000, linesTotalMinor: 350, totalExclVatMinor: 350, vatMinor: 74, totalInclVatMinor: 424,
      lines: [{ tariffId: 'standard-ac', tariffVersion: 1, component: 'ENERGY', unit: 'kWh', quantity: '10', billedQuantity: '10', unitPrice: '0.35', vatRate: '21', amountMinor: 350 }],
      vat: [{ rate: '21', baseMinor: 350, vatMinor: 74 }],
    },
  }],
} as const;

export const creditView = {
  type: 'object',
  properties: {
    creditId: str, creditedCdrId: str, chargePointId: str, transactionId: int, currency: str,
    totalExclVatMinor: minor('Credited total excluding VAT'), vatMinor: minor('Credited VAT'), totalInclVatMinor: minor('Credited total including VAT'),
    reason: str, requestedBy: nullableStr, at: time,
  },
  examples: [{
    creditId: 'credit-1', creditedCdrId: 'cdr-CP001-7', chargePointId: 'CP001', transactionId: 7, currency: 'EUR',
    totalExclVatMinor: 350, vatMinor: 74, totalInclVatMinor: 424, reason: 'Re-rated: tariff standard-ac version 2 corrects version 1',
    requestedBy: 'key:ops', at: '2025-01-20T12:00:00.000Z',
  }],
} as const;

export const sessionCostView = {
  type: 'object',
  properties: {
    transactionId: int, chargePointId: str, tariffId: str, currency: str,
    asOf: { ...time, description: 'Station time the cost runs to (the newest meter reading priced)' },
    energyWh: int, chargingSeconds: int, idleSeconds: int,
    totalExclVatMinor: minor('Total excluding VAT'), vatMinor: minor('VAT'), totalInclVatMinor: minor('Total including VAT'),
    flags: { type: 'array', items: str },
    cdrId: { ...nullableStr, description: 'The session\'s billable CDR, once issued' },
    final: { type: 'boolean', description: 'True once the CDR is issued: the cost no longer changes (unless re-rated)' },
  },
  examples: [{
    transactionId: 7, chargePointId: 'CP001', tariffId: 'standard-ac', currency: 'EUR', asOf: '2025-01-10T08:30:00.000Z', energyWh: 5000,
    chargingSeconds: 1800, idleSeconds: 0, totalExclVatMinor: 175, vatMinor: 37, totalInclVatMinor: 212, flags: [], cdrId: null, final: false,
  }],
} as const;

export const statementView = {
  type: 'object',
  properties: {
    idTag: nullableStr, groupIdToken: nullableStr, month: str,
    cdrs: { type: 'array', items: cdrView },
    totals: {
      type: 'array', description: 'One per currency',
      items: {
        type: 'object',
        properties: {
          currency: str, sessions: int, energyWh: int,
          totalExclVatMinor: minor('Total excluding VAT'), vatMinor: minor('VAT'), totalInclVatMinor: minor('Total including VAT'),
        },
      },
    },
  },
  examples: [{
    idTag: 'TAG1', groupIdToken: null, month: '2025-01', cdrs: [cdrExample],
    totals: [{ currency: 'EUR', sessions: 1, energyWh: 10000, totalExclVatMinor: 350, vatMinor: 74, totalInclVatMinor: 424 }],
  }],
} as const;

const rerateSession = {
  type: 'object',
  properties: {
    chargePointId: str, transactionId: int, billedCdrId: { ...str, description: 'The CDR the session was billed by when the re-rating ran' },
    status: { type: 'string', enum: ['unchanged', 'corrected', 'unpriceable'], description: 'unpriceable: its tariff can no longer price it; left as billed' },
    currency: str, billedTotalInclVatMinor: minor('What it was billed, incl. VAT'),
    newTotalInclVatMinor: { type: ['integer', 'null'], description: 'What it is billed now, incl. VAT, in minor units; null when unpriceable' },
    creditId: nullableStr, correctionCdrId: nullableStr,
  },
} as const;

const rerateProperties = {
  rerateId: str, tariffId: str, from: time, to: time, dryRun: { type: 'boolean' }, reason: str, requestedBy: nullableStr, requestedAt: time,
  status: { type: 'string', enum: ['Requested', 'Completed', 'Failed'], description: 'Requested until the processors ran it' },
  error: { ...nullableStr, description: 'Why it could not run (Failed)' },
} as const;

const rerateExample = {
  rerateId: 'RR-0f8e6f1c-5a7b-4c1e-9a53-2f1d6c9b7e10', tariffId: 'standard-ac', from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z',
  dryRun: false, reason: 'energy price was 0.35, should be 0.30', requestedBy: 'key:admin-1', requestedAt: '2025-02-03T09:00:00.000Z',
  status: 'Completed', error: null,
};

export const rerateView = { type: 'object', properties: rerateProperties, examples: [rerateExample] } as const;
export const rerateDetail = {
  type: 'object',
  properties: { ...rerateProperties, sessions: { type: ['array', 'null'], items: rerateSession, description: 'Each session it touched; null until it ran' } },
  examples: [{
    ...rerateExample,
    sessions: [{
      chargePointId: 'CP001', transactionId: 7, billedCdrId: 'CDR-CP001-7', status: 'corrected', currency: 'EUR', billedTotalInclVatMinor: 424,
      newTotalInclVatMinor: 387, creditId: 'CDR-CP001-7-CREDIT-4be1c0d2a9f3e871', correctionCdrId: 'CDR-CP001-7-C4be1c0d2a9f3e871',
    }],
  }],
} as const;
