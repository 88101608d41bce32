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

export const cdrView = { type: 'object', properties: cdrProperties } as const;
export const cdrDetail = {
  type: 'object',
  properties: {
    ...cdrProperties,
    priced: { type: 'object', additionalProperties: true, description: 'The PricedSession: periods, lines per component and VAT rate, totals' },
  },
} as const;

export const creditView = {
  type: 'object',
  properties: {
    creditId: str, creditedCdrId: str, chargePointId: str, transactionId: int, currency: str,
    totalExclVatMinor: minor('Credited total excluding VAT'), vatMinor: minor('Credited VAT'), totalInclVatMinor: minor('Credited total including VAT'),
    reason: str, requestedBy: nullableStr, at: time,
  },
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
} as const;
