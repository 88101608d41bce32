// What the event log knows about one transaction, in station time. Pricing reads only this,
// never a wall clock, so a re-rating months later sees exactly what the running cost saw.

export type ChargingState = 'Charging' | 'SuspendedEV' | 'SuspendedEVSE' | 'EVConnected' | 'Idle';

export interface MeterReading {
  /** Station time, epoch ms. */
  readonly at: number;
  /** Energy.Active.Import.Register. */
  readonly energyWh: number | null;
  readonly powerW: number | null;
  readonly currentA: number | null;
}

/** OCPP 2.0.1 TransactionEvent chargingState; 1.6 has none. */
export interface ChargingStateChange {
  readonly at: number;
  readonly state: ChargingState;
}

/** When a station-stamped message reached the CSMS, to measure the station's clock. */
export interface ReceiptTime {
  readonly stationAt: number;
  readonly receivedAt: number;
}

export interface SessionUsage {
  readonly startedAt: number;
  /** null while the session runs; it is then priced up to asOf. */
  readonly stoppedAt: number | null;
  readonly meterStartWh: number | null;
  readonly meterStopWh: number | null;
  /** This transaction's samples, in any order, possibly duplicated. */
  readonly readings: readonly MeterReading[];
  readonly chargingStates: readonly ChargingStateChange[];
  readonly receivedAt: readonly ReceiptTime[];
}
