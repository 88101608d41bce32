// Shared test data for billing's specs: a tariff, its assignment, and the sessions decider's facts
// of one 1.6 transaction on CP001 (no I/O).
import {
  ocpp16Detail, type MeterValuesSampled, type SampledValue, type Tariff, type TariffAssignment, type TariffVersion, type TransactionStarted,
  type TransactionStopped,
} from '@csms/contracts';
import { AT } from './fixtures.ts';

export const MINUTE = 60_000;
export const TX = 42;

/** 0.30 EUR per kWh and 2.00 EUR per charging hour, 20 % VAT. */
export const version: TariffVersion = {
  id: 'AC', version: 1, validFrom: Date.UTC(2024, 0, 1), currency: 'EUR', timeZone: 'Europe/Amsterdam', vatRate: '20',
  minPrice: null, maxPrice: null, idlePowerThresholdW: null,
  elements: [{
    priceComponents: [{ type: 'ENERGY', price: '0.30', vatRate: null, stepSize: 1 }, { type: 'TIME', price: '2.00', vatRate: null, stepSize: 1 }],
    restrictions: null,
  }],
};

export const tariffs: ReadonlyMap<string, Tariff> = new Map([['AC', { id: 'AC', name: 'AC', versions: [version], updatedAt: 0, updatedBy: null }]]);

export const stationAssignment: TariffAssignment = {
  scope: 'Station', chargePointId: 'CP001', evseId: null, groupIdToken: null, tariffId: 'AC', updatedAt: 0, updatedBy: null,
};

export function started(overrides: Partial<TransactionStarted> = {}): TransactionStarted {
  return {
    type: 'TransactionStarted', chargePointId: 'CP001', at: AT, transactionId: TX, connectorId: 1, idTag: 'T1', idTagStatus: 'Accepted',
    meterStartWh: 1000, startedAt: AT, reservationId: null, ...ocpp16Detail.TransactionStarted, ...overrides,
  };
}

export function energy(timestamp: number, wh: number): SampledValue {
  return {
    timestamp, value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic', phase: null,
    location: null, format: 'Raw', signedMeterValue: null,
  };
}

/** A reading `minutes` into the session, received when it was taken. */
export function sampled(minutes: number, wh: number, transactionId: number | null = TX): MeterValuesSampled {
  const at = AT + minutes * MINUTE;
  return {
    type: 'MeterValuesSampled', chargePointId: 'CP001', at, connectorId: 1, transactionId, samples: [energy(at, wh)],
    ...ocpp16Detail.MeterValuesSampled,
  };
}

export function stopped(minutes: number, meterStopWh: number, overrides: Partial<TransactionStopped> = {}): TransactionStopped {
  const at = AT + minutes * MINUTE;
  return {
    type: 'TransactionStopped', chargePointId: 'CP001', at, transactionId: TX, connectorId: 1, idTag: 'T1', meterStopWh,
    stoppedAt: at, reason: 'Local', energyWh: meterStopWh - 1000, durationSeconds: minutes * 60, transactionData: [],
    ...ocpp16Detail.TransactionStopped, ...overrides,
  };
}
