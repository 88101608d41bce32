// What each benchmark station sends, per OCPP version and mix. The session mix is a charging
// session per cycle: 1.6 Authorize, StartTransaction, MeterValues, StopTransaction; 2.0.1
// Authorize and one transaction's TransactionEvents (Started, Updated, Ended). Every cycle's
// values differ from every other's, so the CSMS's deduplication on business keys (DESIGN
// invariant 2) never takes a cycle for a resend of an earlier one. The heartbeat mix is
// Heartbeat and MeterValues, the calls the gateway answers itself after the Kafka ack.
import type { Ocpp201 } from '@csms/contracts';
import { transactionEnded, transactionStarted, transactionUpdated } from '../simulator/index.ts';

export type BenchProtocol = '1.6' | '2.0.1';
/**
 * boot-storm sends no cycle: only the boot, from every station at once (boot-storm.ts); idle only
 * the boot and the heartbeats a station at rest must send (idle.ts).
 */
export type BenchMix = 'session' | 'heartbeat' | 'boot-storm' | 'idle';
export type CycleMix = Exclude<BenchMix, 'boot-storm' | 'idle'>;

/** What a mix's run is: calls at a steady rate (a load), every boot at once (a storm), or sockets at rest. */
export type MixKind = 'load' | 'storm' | 'idle';

export function mixKind(mix: BenchMix): MixKind {
  switch (mix) {
    case 'session':
    case 'heartbeat':
      return 'load';
    case 'boot-storm':
      return 'storm';
    case 'idle':
      return 'idle';
    default: {
      const _exhaustive: never = mix;
      return _exhaustive;
    }
  }
}

export interface BenchCall {
  readonly action: string;
  readonly payload: object;
}

/** One station's calls in order; a call is made when it is sent, so it can use the answers before it. */
export interface StationScript {
  next(now: Date): BenchCall;
  /** The CALLRESULT payload of the call `next` made last. */
  answered(call: BenchCall, result: unknown): void;
}

export interface BenchPlan {
  readonly subprotocol: 'ocpp1.6' | 'ocpp2.0.1';
  readonly boot: object;
  /** The same for every station: what sets stations apart is their ids on the connection. */
  script(mix: CycleMix): StationScript;
}

/** The calls of one cycle, each made from the cycle's number and what earlier answers said. */
type Cycle = ReadonlyArray<(cycle: number, now: Date, memory: Memory) => BenchCall>;
interface Memory { transactionId?: number }

const TAG = 'BENCH-TAG';

const meterValues16 = (now: Date, transactionId?: number): BenchCall => ({ action: 'MeterValues',
  payload: { connectorId: 1, transactionId, meterValue: [{ timestamp: now.toISOString(), sampledValue: [{ value: '1234' }] }] } });

// A 1.6 transaction's id is the CSMS's (StartTransaction.conf); a station whose StartTransaction
// went unanswered has none to stop, and sends a meter reading in that slot instead.
const session16: Cycle = [
  () => ({ action: 'Authorize', payload: { idTag: TAG } }),
  (cycle, now) => ({ action: 'StartTransaction', payload: { connectorId: 1, idTag: TAG, meterStart: cycle * 1000, timestamp: now.toISOString() } }),
  (_c, now, memory) => meterValues16(now, memory.transactionId),
  (cycle, now, memory) => memory.transactionId === undefined ? meterValues16(now)
    : { action: 'StopTransaction', payload: { transactionId: memory.transactionId, meterStop: cycle * 1000 + 500, timestamp: now.toISOString(), idTag: TAG } },
];

const heartbeat = (): BenchCall => ({ action: 'Heartbeat', payload: {} });
const heartbeat16: Cycle = [heartbeat, (_c, now) => meterValues16(now)];

const token: Ocpp201.IdTokenType = { idToken: TAG, type: 'ISO14443' };
const meterValues201 = (_c: number, now: Date): BenchCall => ({ action: 'MeterValues',
  payload: { evseId: 1, meterValue: [{ timestamp: now.toISOString(), sampledValue: [{ value: 1234 }] }] } });
const heartbeat201: Cycle = [heartbeat, meterValues201];

/**
 * Every run names its transactions apart, so a second run is not taken for a replay of the first.
 * 2.0.1 transaction ids are the station's own, so the station's id need not be in them (and would
 * not fit the 36 characters with a long prefix).
 */
function session201(runId: string): Cycle {
  const tx = (cycle: number) => ({ transactionId: `${runId}-${cycle}`, evseId: 1, connectorId: 1 });
  const event = (payload: Ocpp201.TransactionEventRequest): BenchCall => ({ action: 'TransactionEvent', payload });
  return [
    () => ({ action: 'Authorize', payload: { idToken: token } }),
    (c, now) => event(transactionStarted(tx(c), { seqNo: 0, timestamp: now.toISOString(), meterWh: 0, idToken: token })),
    (c, now) => event(transactionUpdated(tx(c), { seqNo: 1, timestamp: now.toISOString(), meterWh: 500, powerW: 7200 })),
    (c, now) => event(transactionEnded(tx(c), { seqNo: 2, timestamp: now.toISOString(), meterWh: 1000, stoppedReason: 'EVDisconnected' })),
  ];
}

function remember(memory: Memory, call: BenchCall, result: unknown): void {
  if (call.action === 'StartTransaction') {
    const id = typeof result === 'object' && result !== null && 'transactionId' in result ? result.transactionId : undefined;
    memory.transactionId = typeof id === 'number' ? id : undefined;
  }
  if (call.action === 'StopTransaction') memory.transactionId = undefined;
}

function scriptOf(cycle: Cycle): StationScript {
  const memory: Memory = {};
  let n = 0;
  return {
    next(now) {
      const call = cycle[n % cycle.length]!(Math.floor(n / cycle.length), now, memory);
      n += 1;
      return call;
    },
    answered: (call, result) => remember(memory, call, result),
  };
}

export function benchPlan(protocol: BenchProtocol, runId: string): BenchPlan {
  if (protocol === '1.6') {
    return {
      subprotocol: 'ocpp1.6', boot: { chargePointVendor: 'Bench', chargePointModel: 'B1' },
      script: (mix) => scriptOf(mix === 'session' ? session16 : heartbeat16),
    };
  }
  return {
    subprotocol: 'ocpp2.0.1', boot: { reason: 'PowerUp', chargingStation: { vendorName: 'Bench', model: 'B2' } },
    script: (mix) => scriptOf(mix === 'session' ? session201(runId) : heartbeat201),
  };
}
