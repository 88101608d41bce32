// What each benchmark station sends, per OCPP version: one CALL at a time, cycling through calls
// the gateway answers after the Kafka ack (the heartbeat mix) and calls a processor decides (the
// session mix). Under 2.0.1 the session mix is Authorize and a transaction's TransactionEvents
// (Started, Updated, Ended), each cycle a new transaction, so the processors see real sessions.
import type { Ocpp201 } from '@csms/contracts';
import { transactionEnded, transactionStarted, transactionUpdated } from '../src/simulator/index.ts';

export type BenchProtocol = '1.6' | '2.0.1';
export type BenchPath = 'gateway' | 'processor';

export interface BenchStep {
  readonly action: string;
  readonly path: BenchPath;
  readonly payload: object;
}

export interface BenchPlan {
  readonly subprotocol: 'ocpp1.6' | 'ocpp2.0.1';
  readonly boot: object;
  /** The n-th call (from 0) station `station` makes after its boot. */
  step(station: string, n: number, now: Date): BenchStep;
}

type Cycle = ReadonlyArray<(station: string, cycle: number, now: Date) => BenchStep>;

const ocpp16: Cycle = [
  () => ({ action: 'Heartbeat', path: 'gateway', payload: {} }),
  (_s, _c, now) => ({ action: 'MeterValues', path: 'gateway', payload: { connectorId: 1, meterValue: [{ timestamp: now.toISOString(), sampledValue: [{ value: '1234' }] }] } }),
  () => ({ action: 'Authorize', path: 'processor', payload: { idTag: 'BENCH-TAG' } }),
  () => ({ action: 'StatusNotification', path: 'gateway', payload: { connectorId: 1, status: 'Available', errorCode: 'NoError' } }),
];

const token: Ocpp201.IdTokenType = { idToken: 'BENCH-TAG', type: 'ISO14443' };

/** Every run names its transactions apart, so a second run is not taken for a replay of the first. */
function ocpp201(runId: string): Cycle {
  const tx = (station: string, cycle: number) => ({ transactionId: `${runId}-${station}-${cycle}`, evseId: 1, connectorId: 1 });
  const heartbeat = (): BenchStep => ({ action: 'Heartbeat', path: 'gateway', payload: {} });
  const meterValues = (_s: string, _c: number, now: Date): BenchStep => ({ action: 'MeterValues', path: 'gateway',
    payload: { evseId: 1, meterValue: [{ timestamp: now.toISOString(), sampledValue: [{ value: 1234 }] }] } });
  const event = (payload: Ocpp201.TransactionEventRequest): BenchStep => ({ action: 'TransactionEvent', path: 'processor', payload });
  return [
    heartbeat,
    meterValues,
    () => ({ action: 'Authorize', path: 'processor', payload: { idToken: token } }),
    (s, c, now) => event(transactionStarted(tx(s, c), { seqNo: 0, timestamp: now.toISOString(), meterWh: 0, idToken: token })),
    heartbeat,
    meterValues,
    (s, c, now) => event(transactionUpdated(tx(s, c), { seqNo: 1, timestamp: now.toISOString(), meterWh: 500, powerW: 7200 })),
    (s, c, now) => event(transactionEnded(tx(s, c), { seqNo: 2, timestamp: now.toISOString(), meterWh: 1000, stoppedReason: 'EVDisconnected' })),
  ];
}

export function benchPlan(protocol: BenchProtocol, runId: string): BenchPlan {
  const [subprotocol, boot, cycle]: [BenchPlan['subprotocol'], object, Cycle] = protocol === '1.6'
    ? ['ocpp1.6', { chargePointVendor: 'Bench', chargePointModel: 'B1' }, ocpp16]
    : ['ocpp2.0.1', { reason: 'PowerUp', chargingStation: { vendorName: 'Bench', model: 'B2' } }, ocpp201(runId)];
  return {
    subprotocol, boot,
    step: (station, n, now) => cycle[n % cycle.length]!(station, Math.floor(n / cycle.length), now),
  };
}
