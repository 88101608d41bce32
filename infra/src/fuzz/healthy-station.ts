// The station every hostile frame must leave alone: the simulator's strict ocpp-rpc client
// (every answer checked against the official schemas) calling BootNotification, Heartbeat,
// Authorize and StatusNotification one at a time at a steady pace, far below any rate limit.
// It records each call's latency and failure, and each disconnect it did not ask for, and
// after the hostile sockets are done it makes one more round: the last hostile frame must
// not have stopped it either.
import { setTimeout as sleep } from 'node:timers/promises';
import { bootRequest, simulatedChargePoint, statusRequest, type SimulatedChargePoint } from '../simulator/index.ts';
import { errorLabel, increment, type Counts } from './counts.ts';

export interface HealthyStationOptions {
  /** The OCPP endpoint without the identity. */
  readonly endpoint: string;
  readonly id: string;
  readonly localAddress?: string;
  readonly intervalMs: number;
  readonly callTimeoutMs: number;
  readonly idTag: string;
  readonly clock: () => number;
}

export interface HealthyReport {
  calls: number;
  ok: number;
  failed: number;
  /** By action and error: "Authorize: TimeoutError". */
  readonly failures: Counts;
  /** Closes it did not ask for, by code. */
  readonly disconnects: Counts;
  readonly latenciesMs: number[];
}

export interface HealthyStation {
  /** Ends the steady calls, makes the last round, disconnects. */
  stop(): Promise<HealthyReport>;
}

interface Step {
  readonly action: string;
  readonly payload: () => object;
}

function stepsFor(options: HealthyStationOptions): readonly Step[] {
  return [
    { action: 'BootNotification', payload: () => bootRequest(options.id) },
    { action: 'Heartbeat', payload: () => ({}) },
    { action: 'Authorize', payload: () => ({ idTag: options.idTag }) },
    { action: 'StatusNotification', payload: () => statusRequest(1, 'Available') },
  ];
}

/** Connects lazily and again after a drop; a close it did not ask for is counted. */
function connection(options: HealthyStationOptions, report: HealthyReport) {
  let station: SimulatedChargePoint | null = null;
  let leaving = false;
  return {
    async get(): Promise<SimulatedChargePoint> {
      if (station !== null) return station;
      const cp = simulatedChargePoint({
        endpoint: options.endpoint, id: options.id, localAddress: options.localAddress, callTimeoutMs: options.callTimeoutMs,
      });
      cp.client.on('close', ({ code }: { code: number }) => {
        if (station !== cp) return; // a connect that failed; the call it was for is counted
        if (!leaving) increment(report.disconnects, String(code));
        station = null;
      });
      await cp.connect();
      station = cp;
      return cp;
    },
    async leave(): Promise<void> {
      leaving = true;
      await station?.close().catch(() => undefined);
    },
  };
}

export async function startHealthyStation(options: HealthyStationOptions): Promise<HealthyStation> {
  const report: HealthyReport = { calls: 0, ok: 0, failed: 0, failures: {}, disconnects: {}, latenciesMs: [] };
  const steps = stepsFor(options);
  const link = connection(options, report);
  const call = async (step: Step): Promise<void> => {
    report.calls += 1;
    const started = options.clock();
    try {
      const station = await link.get();
      await station.call(step.action, step.payload());
      report.ok += 1;
      report.latenciesMs.push(options.clock() - started);
    } catch (error) {
      report.failed += 1;
      increment(report.failures, `${step.action}: ${errorLabel(error)}`);
    }
  };
  await call(steps[0]!);
  const stopping = new AbortController();
  const steady = (async () => {
    for (let n = 1; ; n += 1) {
      await sleep(options.intervalMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      if (stopping.signal.aborted) return;
      await call(steps[n % steps.length]!);
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await steady;
      for (const step of steps) await call(step);
      await link.leave();
      return report;
    },
  };
}
