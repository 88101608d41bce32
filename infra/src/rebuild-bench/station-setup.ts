// What happens once per station before its first session: the operator registers it (the api's
// ChargePoint on the compacted registry topic), then it connects, boots (1.6 §4.2) and reports its
// connector Available (§4.9).
import { step, type PlannedStep } from './planned-step.ts';
import { booted, connected, connectorStatus, registration } from './station-facts.ts';

export interface Station {
  readonly chargePointId: string;
  /** 0..stations-1: gives the station its address, serial numbers and share of the plan. */
  readonly index: number;
}

/** Its times are seconds after the registration. */
export type SetupStep = PlannedStep<Station>;

/** From the registration to the first plug-in. */
export const SETUP_S = 600;

export const STATION_SETUP: readonly SetupStep[] = [
  step('chargePoints', 'ChargePoint', 0, (station, at) => registration(station.chargePointId, at)),
  step('stations', 'StationConnected', 60, (station, at) => connected(station.chargePointId, station.index, at)),
  step('stations', 'StationBooted', 61, (station, at) => booted(station.chargePointId, station.index, at)),
  step('stations', 'ConnectorStatusChanged', 62, (station, at) => connectorStatus(station.chargePointId, 'Available', at)),
];
